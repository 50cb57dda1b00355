using System.Diagnostics;
using System.Net.Http.Json;
using Streamer.Simulator.Control;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>Fault knobs, set at start-up or at run time, turn into the client's transient failures.</summary>
public sealed class SimulatorFaultTests
{
    [Fact]
    public async Task GetPage_ErrorRateOne_ThrowsTransientAsHttp500AndAsCodeMinusOne()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Mode = SimulatorMode.Fixtures);
        await host.SetFaultsAsync(new FaultSettings { ErrorRate = 1.0 });

        var failures = new List<NxlinkTransientException>();
        for (var i = 0; i < 12; i++)
        {
            failures.Add(await Assert.ThrowsAsync<NxlinkTransientException>(() =>
                host.Client.GetPageAsync(host.Account(), new ChatRecordsQuery(), CancellationToken.None)));
        }

        Assert.Contains(failures, f => f.HttpStatus == 500);
        Assert.Contains(failures, f => f.Code == -1 && f.HttpStatus is null);
        Assert.Equal(12, (await host.StatsAsync()).FaultsInjected);
    }

    [Fact]
    public async Task GetPage_MalformedRateOne_ThrowsTransient()
    {
        await using var host = await SimulatorHost.StartAsync(o =>
        {
            o.Mode = SimulatorMode.Fixtures;
            o.MalformedRate = 1.0;
        });

        for (var i = 0; i < 5; i++)
        {
            var ex = await Assert.ThrowsAsync<NxlinkTransientException>(() =>
                host.Client.GetPageAsync(host.Account(), new ChatRecordsQuery(), CancellationToken.None));
            Assert.Equal(200, ex.HttpStatus);
        }
    }

    [Fact]
    public async Task Faults_SetAtRunTime_AreReportedAndCanBeCleared()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Mode = SimulatorMode.Fixtures);

        await host.SetFaultsAsync(new FaultSettings { ErrorRate = 0.25, MalformedRate = 0.5, LatencyMaxMs = 5, TimeoutRate = 0, TimeoutMs = 1500 });
        var set = await host.Http.GetFromJsonAsync("/_sim/faults", SimulatorJsonContext.Default.FaultSettings);
        await host.SetFaultsAsync(new FaultSettings { ErrorRate = 0, MalformedRate = 0 });
        var page = await host.Client.GetPageAsync(host.Account(), new ChatRecordsQuery(), CancellationToken.None);

        Assert.Equal(0.25, set!.ErrorRate);
        Assert.Equal(0.5, set.MalformedRate);
        Assert.Equal(5, set.LatencyMaxMs);
        Assert.Equal(1500, set.TimeoutMs);
        Assert.Equal(0, page.Code);
    }

    [Fact]
    public async Task Faults_OutOfRangeRate_IsRefusedWith400()
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.Http.PostAsJsonAsync("/_sim/faults", new FaultSettings { ErrorRate = 1.5 }, SimulatorJsonContext.Default.FaultSettings);

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetPage_TimeoutRateOne_HangsUntilTheClientGivesUp()
    {
        await using var host = await SimulatorHost.StartAsync(o =>
        {
            o.Mode = SimulatorMode.Fixtures;
            o.TimeoutRate = 1.0;
            o.TimeoutDuration = TimeSpan.FromSeconds(30);
        });
        using var http = new HttpClient { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromMilliseconds(300) };
        var client = new NxlinkClient(http, TimeProvider.System);
        var watch = Stopwatch.StartNew();

        var ex = await Assert.ThrowsAsync<NxlinkTransientException>(() => client.GetPageAsync(host.Account(), new ChatRecordsQuery(), CancellationToken.None));

        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Faults_DrawnOnTheirOwnRandom_DoNotChangeTheGeneratedData()
    {
        await using var calm = await SimulatorHost.StartAsync(o => o.Seed = 11);
        await using var faulty = await SimulatorHost.StartAsync(o =>
        {
            o.Seed = 11;
            o.ErrorRate = 0.5;
        });
        for (var i = 0; i < 5; i++)
        {
            try
            {
                await faulty.Client.GetPageAsync(faulty.Account(), new ChatRecordsQuery(), CancellationToken.None);
            }
            catch (NxlinkTransientException)
            {
                // Half of the requests fail by design; only the draws matter here.
            }
        }

        await calm.BacklogAsync(500, TimeSpan.FromMinutes(5));
        await faulty.BacklogAsync(500, TimeSpan.FromMinutes(5));

        Assert.Equal(
            (await calm.ChangesAsync()).Select(c => (c.RecordId, c.Kind, c.Status, c.Emoji)),
            (await faulty.ChangesAsync()).Select(c => (c.RecordId, c.Kind, c.Status, c.Emoji)));
    }
}
