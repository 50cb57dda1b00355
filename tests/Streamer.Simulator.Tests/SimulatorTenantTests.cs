using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Streamer.Simulator.Control;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>Simulator:Tenants: each tenant its own credentials, records, traffic and ground truth; tenant 0 as with one tenant.</summary>
public sealed class SimulatorTenantTests
{
    private static readonly DateTimeOffset Start = new(2025, 10, 16, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Tenants_List_DerivesEachTenantsCredentialsFromTheConfiguredOnes()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Tenants = 4);

        var list = await host.TenantsAsync();

        Assert.Equal((4, SimulatorHost.TimeZoneId), (list.Count, list.TimeZone));
        Assert.Equal([0, 1, 2, 3], list.Tenants.Select(t => t.Index));
        var (first, last) = (list.Tenants[0], list.Tenants[3]);
        Assert.Equal(("tenant-0", "1", "demo-appkey", "demo-access-key", "demo-access-secret"), (first.Name, first.TenantId, first.AppKey, first.AccessKey, first.AccessSecret));
        Assert.Equal(("tenant-3", "1-3", "demo-appkey-3", "demo-access-key-3", "demo-access-secret-3"), (last.Name, last.TenantId, last.AppKey, last.AccessKey, last.AccessSecret));
        Assert.Equal(1, (await host.StatsAsync("all")).TenantsActive);
    }

    [Fact]
    public async Task Tenants_EachServesItsOwnRecordsMatchingItsOwnGroundTruth()
    {
        await using var host = await SimulatorHost.StartAsync(o => (o.Tenants, o.Seed) = (3, 50));
        var tenants = (await host.TenantsAsync()).Tenants;
        await host.BacklogAsync(600, TimeSpan.FromMinutes(10), tenant: "1");
        await host.BacklogAsync(400, TimeSpan.FromMinutes(10), tenant: "2");

        var served = new List<List<ChatRecord>>();
        foreach (var tenant in tenants)
        {
            var truth = GroundTruth.Replay(await host.ChangesAsync(tenant.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var records = await host.AllRecordsAsync(new ChatRecordsQuery { Ascending = true, PageSize = 100 }, host.Account(tenant));
            Assert.Equal(GroundTruth.InApiOrder(truth.Values, r => r.CreatedAt).Select(r => r.Id), records.Select(r => r.Id!));
            Assert.All(records, r => Assert.Equal((tenant.TenantId, truth[r.Id!].UpdatedAt, truth[r.Id!].Status), (r.TenantId, r.UpdatedAt, r.Status)));
            Assert.Equal(records.Count, (await host.StatsAsync(tenant.Index.ToString(System.Globalization.CultureInfo.InvariantCulture))).Records);
            served.Add(records);
        }

        var changes = await host.ChangesAsync();
        Assert.Empty(served[0]);
        Assert.Empty(changes);
        Assert.True(served[1].Count > 100 && served[2].Count > 100, $"{served[1].Count} and {served[2].Count} records");
        Assert.Empty(served[1].Select(r => r.Id).Intersect(served[2].Select(r => r.Id)));
        Assert.All(await host.ChangesAsync("2"), c => Assert.Equal(2, c.Tenant));
        Assert.Equal((3, 1_000L, served[1].Count + served[2].Count), ((await host.StatsAsync("all")).TenantsActive, (await host.StatsAsync("all")).Changes, (int)(await host.StatsAsync("all")).Records));
    }

    [Fact]
    public async Task Tenants_MixedCredentials_AreRefusedAsTheApiRefusesThem()
    {
        await using var host = await SimulatorHost.StartAsync(o => (o.Tenants, o.Mode) = (3, SimulatorMode.Fixtures));
        var tenants = (await host.TenantsAsync()).Tenants;
        var (one, two) = (tenants[1], tenants[2]);
        NxlinkAccount Mix(TenantInfo t, string? secret = null, string? appKey = null, string? tenantId = null, string? accessKey = null) =>
            host.Account(secret ?? t.AccessSecret, appKey ?? t.AppKey, accessKey ?? t.AccessKey, tenantId ?? t.TenantId);

        Assert.Equal(0, (await PageAsync(host, host.Account(one))).Code);
        Assert.Equal(1003, await RefusedAsync(host, Mix(one, secret: two.AccessSecret)));
        Assert.Equal(1003, await RefusedAsync(host, Mix(one, secret: "demo-access-secret")));
        Assert.Equal(22016, await RefusedAsync(host, Mix(one, appKey: two.AppKey)));
        Assert.Equal(22016, await RefusedAsync(host, Mix(one, tenantId: two.TenantId, appKey: two.AppKey)));
        Assert.Equal(22016, await RefusedAsync(host, Mix(tenants[0], tenantId: one.TenantId, appKey: one.AppKey)));
        Assert.Equal(1005, await RefusedAsync(host, Mix(one, accessKey: "demo-access-key-3", secret: "demo-access-secret-3")));
        Assert.Equal(1005, await RefusedAsync(host, Mix(one, accessKey: "demo-access-key-01", secret: "demo-access-secret-01")));
        Assert.Equal(5, (await PageAsync(host, host.Account())).Total);
        Assert.Equal(0, (await PageAsync(host, host.Account(two))).Total);
        Assert.Equal((1, 1L), ((await host.StatsAsync("all")).TenantsActive, (await host.StatsAsync("1")).TenantRequests));
    }

    [Fact]
    public async Task Tenant0_AmongOthers_MakesTheSameRecordsAndGroundTruthAsASingleTenant()
    {
        await using var single = await SimulatorHost.StartAsync(o => o.Seed = 51, new FakeTimeProvider(Start));
        await using var many = await SimulatorHost.StartAsync(o => (o.Seed, o.Tenants) = (51, 50), new FakeTimeProvider(Start));
        await many.BacklogAsync(300, TimeSpan.FromMinutes(5), tenant: "all");
        await single.BacklogAsync(300, TimeSpan.FromMinutes(5));

        var expected = await single.ChangesAsync();
        var actual = await many.ChangesAsync();
        var records = await many.AllRecordsAsync(new ChatRecordsQuery { Ascending = true });

        Assert.Equal(expected.Select(Project), actual.Select(Project));
        Assert.Equal((await single.AllRecordsAsync(new ChatRecordsQuery { Ascending = true })).Select(Content), records.Select(Content));
        Assert.Equal(50 * 300, (await many.ChangesAsync("all")).Count);
    }

    [Fact]
    public async Task Tenants_SameSeed_GiveEachTenantTheSameTrafficAndOtherTenantsOther()
    {
        await using var first = await SimulatorHost.StartAsync(o => (o.Seed, o.Tenants) = (52, 3), new FakeTimeProvider(Start));
        await using var second = await SimulatorHost.StartAsync(o => (o.Seed, o.Tenants) = (52, 3), new FakeTimeProvider(Start));
        await first.BacklogAsync(500, TimeSpan.FromMinutes(5), tenant: "2");
        await second.BacklogAsync(500, TimeSpan.FromMinutes(5), tenant: "1");
        await second.BacklogAsync(500, TimeSpan.FromMinutes(5), tenant: "2");

        Assert.Equal((await first.ChangesAsync("2")).Select(Project), (await second.ChangesAsync("2")).Select(Project));
        Assert.NotEqual((await second.ChangesAsync("1")).Select(c => c.Kind + c.Status), (await second.ChangesAsync("2")).Select(c => c.Kind + c.Status));
    }

    [Fact]
    public async Task Tenants_MediaOfAnyTenant_IsServedAndDigested()
    {
        await using var host = await SimulatorHost.StartAsync(o => (o.Seed, o.Tenants) = (53, 3));
        await host.BacklogAsync(300, TimeSpan.FromMinutes(5), tenant: "2");
        var record = (await host.AllRecordsAsync(new ChatRecordsQuery(), host.Account((await host.TenantsAsync()).Tenants[2]))).First(r => r.MediaLink is not null);

        var digest = await host.Http.GetFromJsonAsync($"/_sim/media-digest/{record.Id}", SimulatorJsonContext.Default.MediaDigest);
        var bytes = await host.Http.GetByteArrayAsync(new Uri(record.MediaLink!));

        Assert.Equal(digest!.Size, bytes.Length);
    }

    [Fact]
    public async Task Faults_OfOneTenant_ApplyToItsRequestsOnlyAndOverrideTheServers()
    {
        await using var host = await SimulatorHost.StartAsync(o => (o.Tenants, o.Mode) = (3, SimulatorMode.Fixtures));
        var tenants = (await host.TenantsAsync()).Tenants;

        using (var own = await host.Http.PostAsJsonAsync("/_sim/faults?tenant=1", new FaultSettings { ErrorRate = 0 }, SimulatorJsonContext.Default.FaultSettings))
        {
            own.EnsureSuccessStatusCode();
        }

        await host.SetFaultsAsync(new FaultSettings { ErrorRate = 1 });
        var (server, one, two) = (await FaultsAsync(host, ""), await FaultsAsync(host, "?tenant=1"), await FaultsAsync(host, "?tenant=2"));

        Assert.Equal((1.0, 0.0, 1.0), (server.ErrorRate, one.ErrorRate, two.ErrorRate));
        Assert.Equal(0, (await PageAsync(host, host.Account(tenants[1]))).Code);
        await Assert.ThrowsAnyAsync<Exception>(() => PageAsync(host, host.Account(tenants[0])));
        await Assert.ThrowsAnyAsync<Exception>(() => PageAsync(host, host.Account(tenants[2])));
        Assert.Equal(2, (await host.StatsAsync()).FaultsInjected);
    }

    [Theory]
    [InlineData("GET", "/_sim/faults?tenant=all")]
    [InlineData("GET", "/_sim/changes?tenant=3")]
    [InlineData("GET", "/_sim/stats?tenant=-1")]
    [InlineData("GET", "/_sim/filter?tenant=x")]
    [InlineData("POST", "/_sim/backlog?tenant=3")]
    [InlineData("POST", "/_sim/hostile?tenant=all")]
    [InlineData("POST", "/_sim/bad-records?tenant=all")]
    [InlineData("GET", "/_sim/churn?tenant=all")]
    public async Task ControlEndpoints_TenantOutOfRangeOrAllWhereItDoesNotApply_AreRefusedWith400(string method, string path)
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Tenants = 3);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("""{"changes":1,"count":1,"case":"zeroDate"}""", System.Text.Encoding.UTF8, "application/json");
        }

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await host.StatsAsync("all")).Changes);
    }

    private static async Task<FaultSettings> FaultsAsync(SimulatorHost host, string query) =>
        (await host.Http.GetFromJsonAsync("/_sim/faults" + query, SimulatorJsonContext.Default.FaultSettings))!;

    private static Task<ChatRecordsResponse> PageAsync(SimulatorHost host, NxlinkAccount account) =>
        host.Client.GetPageAsync(account, new ChatRecordsQuery(), CancellationToken.None);

    private static async Task<int> RefusedAsync(SimulatorHost host, NxlinkAccount account) =>
        (await Assert.ThrowsAsync<NxlinkConfigurationException>(() => PageAsync(host, account))).Code ?? 0;

    private static string Project(SimChange c) =>
        string.Join('|', c.Seq, c.RecordId, c.Kind, c.Status, c.PreviousStatus, c.Emoji, c.PreviousEmoji, c.Remark, c.CreatedAt, c.UpdatedAt, c.At, c.CustomerId, c.Tenant);

    private static string Content(ChatRecord r) =>
        string.Join('|', r.Id, r.TenantId, r.CustomerId, r.CustomerName, r.ConversationId, r.MessageType, r.Content, r.MessageId, r.Status, r.FileName, r.UserEmoji, r.UpdatedAt);
}
