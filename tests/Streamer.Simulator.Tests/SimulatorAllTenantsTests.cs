using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Streamer.Simulator.Control;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>What acts on every tenant at once: their live traffic from one loop, their ground truth in one order, the filter.</summary>
public sealed class SimulatorAllTenantsTests
{
    [Fact]
    public async Task AllTenantTraffic_GivesEveryTenantItsTurnAndEveryChangeIsInBothGroundTruths()
    {
        await using var host = await SimulatorHost.StartAsync(o => (o.Tenants, o.Seed) = (100, 60));

        var started = await StartAllAsync(host, new TrafficRequest { Changes = 400, RatePerTenantPerMinute = 120 });
        var status = await WaitForAllAsync(host, TimeSpan.FromSeconds(60));
        var all = await host.ChangesAsync("all");
        var stats = await host.StatsAsync("all");

        Assert.Equal((400L, true, 120.0), (started.Target, started.Running, started.RatePerTenantPerMinute));
        Assert.Equal((400L, false), (status.Generated, status.Running));
        Assert.Equal(400, all.Count);
        Assert.Equal((100, 400L, 100, false), (stats.TenantsActive, stats.Changes, stats.Tenants, stats.Generating));
        var byTenant = all.GroupBy(c => c.Tenant).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(Enumerable.Range(0, 100), byTenant.Keys.Order());
        foreach (var (tenant, changes) in byTenant)
        {
            // Round robin: four turns each; the tenant's own ground truth is the same changes in the same order.
            Assert.Equal(4, changes.Count);
            Assert.Equal([1L, 2, 3, 4], changes.Select(c => c.Seq));
            Assert.Equal(changes.Select(Project), (await host.ChangesAsync(tenant.ToString(CultureInfo.InvariantCulture))).Select(Project));
        }

        var info = (await host.TenantsAsync()).Tenants[57];
        var truth = GroundTruth.Replay(byTenant[57]);
        var served = await host.AllRecordsAsync(new ChatRecordsQuery { Ascending = true }, host.Account(info));
        Assert.Equal(GroundTruth.InApiOrder(truth.Values, r => r.CreatedAt).Select(r => r.Id), served.Select(r => r.Id!));
    }

    [Fact]
    public async Task AllTenantTraffic_FromTheOption_RunsUntilStopped()
    {
        await using var host = await SimulatorHost.StartAsync(o => (o.Tenants, o.TenantLiveRatePerMinute) = (10, 600));
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while ((await host.StatsAsync("all")).Changes < 50)
            {
                await Task.Delay(100, timeout.Token);
            }
        }

        var running = await AllStatusAsync(host);
        using var deleted = await host.Http.DeleteAsync(new Uri("/_sim/traffic?tenant=all", UriKind.Relative));
        var stopped = (await deleted.Content.ReadFromJsonAsync(SimulatorJsonContext.Default.TrafficStatus))!;
        await Task.Delay(300);
        var stats = await host.StatsAsync("all");

        Assert.Equal((true, 0L, 600.0), (running.Running, running.Target, running.RatePerTenantPerMinute));
        Assert.False(stopped.Running);
        Assert.Equal((stopped.Generated, false, 10), (stats.Changes, stats.Generating, stats.TenantsActive));
        Assert.True((await host.StatsAsync("3")).Changes >= 5);
    }

    [Theory]
    [InlineData("all", """{"changes":10,"rate":5}""")]
    [InlineData("all", """{"changes":10,"ratePerTenantPerMinute":0}""")]
    [InlineData("all", """{"changes":-1,"ratePerTenantPerMinute":1}""")]
    [InlineData("1", """{"changes":10,"ratePerTenantPerMinute":1}""")]
    public async Task AllTenantTraffic_RequestOutOfRange_IsRefusedWith400(string tenant, string body)
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Tenants = 3);

        using var response = await host.Http.PostAsync(
            new Uri($"/_sim/traffic?tenant={tenant}", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await AllStatusAsync(host)).Running);
    }

    [Fact]
    public async Task Filter_AllTenants_SwitchesEveryTenantAndThoseMadeLater()
    {
        await using var host = await SimulatorHost.StartAsync(o => (o.Tenants, o.Seed) = (5, 61));
        await host.BacklogAsync(300, TimeSpan.FromMinutes(5), tenant: "1");

        using var switched = await host.Http.PostAsJsonAsync("/_sim/filter?tenant=all", new FilterRequest { FilterOn = "UpdatedAt" }, SimulatorJsonContext.Default.FilterRequest);
        var all = (await switched.Content.ReadFromJsonAsync(SimulatorJsonContext.Default.FilterStatus))!;
        await host.BacklogAsync(600, TimeSpan.FromMinutes(20), tenant: "3");
        var (one, three, four) = (await FilterAsync(host, "1"), await FilterAsync(host, "3"), await FilterAsync(host, "4"));
        var uniform = (await host.StatsAsync("all")).FilterOn;
        using var back = await host.Http.PostAsJsonAsync("/_sim/filter?tenant=2", new FilterRequest { FilterOn = "CreatedAt" }, SimulatorJsonContext.Default.FilterRequest);

        Assert.Equal(("UpdatedAt", 1), (all.FilterOn, all.Switches));
        Assert.Equal(("UpdatedAt", 1), (one.FilterOn, one.Switches));
        Assert.Equal(("UpdatedAt", 0), (three.FilterOn, three.Switches));
        Assert.Equal("UpdatedAt", four.FilterOn);
        Assert.Equal("UpdatedAt", uniform);
        Assert.Equal("Mixed", (await host.StatsAsync("all")).FilterOn);
        Assert.Equal("UpdatedAt", (await host.StatsAsync("3")).FilterOn);
        var truth = GroundTruth.Replay(await host.ChangesAsync("3"));
        var served = await host.AllRecordsAsync(new ChatRecordsQuery { Ascending = true, PageSize = 100 }, host.Account((await host.TenantsAsync()).Tenants[3]));
        Assert.Contains(truth.Values, r => r.CreatedAt != r.UpdatedAt);
        Assert.Equal(GroundTruth.InApiOrder(truth.Values, r => r.UpdatedAt).Select(r => r.Id), served.Select(r => r.Id!));
    }

    [Fact]
    public async Task FilterSwitchAfter_SwitchesEveryTenant()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 10, 16, 6, 0, 0, TimeSpan.Zero));
        await using var host = await SimulatorHost.StartAsync(o => (o.Tenants, o.FilterSwitchAfter) = (3, TimeSpan.FromMinutes(1)), time);
        await host.BacklogAsync(100, TimeSpan.FromMinutes(1), tenant: "2");

        time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(("UpdatedAt", 1), ((await FilterAsync(host, "2")).FilterOn, (await FilterAsync(host, "2")).Switches));
        Assert.Equal(("UpdatedAt", 1), ((await FilterAsync(host, "0")).FilterOn, (await FilterAsync(host, "all")).Switches));
        Assert.Equal("UpdatedAt", (await FilterAsync(host, "1")).FilterOn);
    }

    private static string Project(SimChange c) => string.Join('|', c.Tenant, c.Seq, c.RecordId, c.Kind, c.Status, c.Emoji, c.UpdatedAt, c.At);

    private static async Task<FilterStatus> FilterAsync(SimulatorHost host, string tenant) =>
        (await host.Http.GetFromJsonAsync($"/_sim/filter?tenant={tenant}", SimulatorJsonContext.Default.FilterStatus))!;

    private static async Task<TrafficStatus> AllStatusAsync(SimulatorHost host) =>
        (await host.Http.GetFromJsonAsync("/_sim/traffic?tenant=all", SimulatorJsonContext.Default.TrafficStatus))!;

    private static async Task<TrafficStatus> StartAllAsync(SimulatorHost host, TrafficRequest request)
    {
        using var response = await host.Http.PostAsJsonAsync("/_sim/traffic?tenant=all", request, SimulatorJsonContext.Default.TrafficRequest);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(SimulatorJsonContext.Default.TrafficStatus))!;
    }

    private static async Task<TrafficStatus> WaitForAllAsync(SimulatorHost host, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            var status = await AllStatusAsync(host);
            if (!status.Running)
            {
                return status;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
