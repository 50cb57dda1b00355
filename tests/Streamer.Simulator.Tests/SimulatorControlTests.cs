using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Streamer.Simulator.Control;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>The /_sim control endpoints: live traffic, ground-truth paging, stats.</summary>
public sealed class SimulatorControlTests
{
    [Fact]
    public async Task Traffic_PostedRun_GeneratesExactlyItsChangesWithABurstThenStops()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Seed = 8);

        using var started = await host.Http.PostAsJsonAsync("/_sim/traffic", new TrafficRequest { Changes = 600, Rate = 3_000 }, SimulatorJsonContext.Default.TrafficRequest);
        var status = await WaitForTrafficAsync(host);
        var changes = await host.ChangesAsync();
        var stats = await host.StatsAsync();

        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(600, status.Generated);
        Assert.Equal(600, status.Target);
        Assert.Equal(600, changes.Count);
        Assert.Equal(600, stats.Changes);
        Assert.False(stats.Generating);
        Assert.True(changes.Where(c => c.Kind == SimChangeKinds.Created).GroupBy(c => c.CreatedAt).Max(g => g.Count()) >= 150);
        Assert.All(changes, c => Assert.True(c.At <= host.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Traffic_LiveModeWithMaximum_StopsAtTheMaximum()
    {
        await using var host = await SimulatorHost.StartAsync(o =>
        {
            o.Mode = SimulatorMode.Live;
            o.LiveRate = 2_000;
            o.LiveMaxChanges = 300;
            o.BurstInterval = TimeSpan.Zero;
        });

        var status = await WaitForTrafficAsync(host);

        Assert.Equal(300, status.Generated);
        Assert.Equal(300, (await host.StatsAsync()).Changes);
    }

    [Fact]
    public async Task Changes_AfterAndLimit_PageTheGroundTruthInSeqOrder()
    {
        await using var host = await SimulatorHost.StartAsync();
        var backlog = await host.BacklogAsync(250, TimeSpan.FromMinutes(5));

        var first = await host.Http.GetFromJsonAsync("/_sim/changes?after=0&limit=100", SimulatorJsonContext.Default.ChangesPage);
        var second = await host.Http.GetFromJsonAsync("/_sim/changes?after=100&limit=1000", SimulatorJsonContext.Default.ChangesPage);
        var none = await host.Http.GetFromJsonAsync("/_sim/changes?after=250", SimulatorJsonContext.Default.ChangesPage);

        Assert.Equal(250, backlog.LastSeq);
        Assert.Equal(100, first!.LastSeq);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), first.Changes.Select(c => c.Seq));
        Assert.Equal(250, second!.LastSeq);
        Assert.Equal(Enumerable.Range(101, 150).Select(i => (long)i), second.Changes.Select(c => c.Seq));
        Assert.Empty(none!.Changes);
        Assert.Equal(250, none.LastSeq);
        Assert.Equal(250, none.LatestSeq);
    }

    [Fact]
    public async Task Stats_AfterRequests_CountsThem()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Mode = SimulatorMode.Fixtures);
        for (var i = 0; i < 3; i++)
        {
            await host.Client.GetPageAsync(host.Account(), new ChatRecordsQuery(), CancellationToken.None);
        }

        var stats = await host.StatsAsync();

        Assert.Equal(5, stats.Records);
        Assert.Equal(5, stats.Changes);
        Assert.Equal(3, stats.Requests);
        Assert.Equal(0, stats.FaultsInjected);
    }

    [Fact]
    public async Task Build_UnknownTimeZone_FailsAtStart()
    {
        await using var app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Simulator:TimeZone=Mars/Olympus"]);

        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => app.StartAsync());

        Assert.Contains("Mars/Olympus", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_CommandLineOptions_AreBound()
    {
        await using var app = SimulatorApp.Build(["--urls", "http://127.0.0.1:0", "--Simulator:Mode=Fixtures", "--Simulator:FilterOn=UpdatedAt", "--Simulator:BurstInterval=00:00:05"]);
        await app.StartAsync();

        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SimulatorOptions>>().Value;

        Assert.Equal(SimulatorMode.Fixtures, options.Mode);
        Assert.Equal(TimestampField.UpdatedAt, options.FilterOn);
        Assert.Equal(TimeSpan.FromSeconds(5), options.BurstInterval);
        await app.StopAsync();
    }

    private static async Task<TrafficStatus> WaitForTrafficAsync(SimulatorHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var status = await host.Http.GetFromJsonAsync("/_sim/traffic", SimulatorJsonContext.Default.TrafficStatus, timeout.Token);
            if (!status!.Running)
            {
                return status;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
