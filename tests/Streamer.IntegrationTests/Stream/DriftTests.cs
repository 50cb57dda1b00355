using System.Net.Http.Json;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// The default <c>CreatedAt</c> polling against an API that filters on <c>updated_at</c>, where records
/// move between pages while a pass reads them: every short-lived state must still reach consumers.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class DriftTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private const int BacklogChanges = 3_000;
    private const int LiveChanges = 260;
    private const double LiveRate = 6;
    private static readonly TimeSpan StateGap = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task Stream_CreatedAtOnUpdatedAtApiWithThousandHotRecordsAtTheDefaultRate_EveryShortStateArrives()
    {
        // The worker's defaults where they matter: the 15-minute hot re-scan every poll, the daily one every
        // 5 minutes, 10 requests/s; a poll every second as in the report this reproduces.
        await using var scenario = await StreamScenario.CreateAsync(
            broker,
            TimestampField.UpdatedAt,
            "CreatedAt",
            seed: 19,
            o => { o.MinChangeGap = StateGap; o.BurstSize = 0; },
            new Dictionary<string, string>
            {
                ["Polling__MaxRequestsPerSecond"] = "10",
                ["Polling__Rescans__0__Horizon"] = "00:15:00",
                ["Polling__Rescans__0__Every"] = "00:00:00",
                ["Polling__Rescans__1__Horizon"] = "1.00:00:00",
                ["Polling__Rescans__1__Every"] = "00:05:00",
            });

        // Every backlog record sits in the hot horizon; while live traffic runs, a record of page 1 also
        // changes while a later page of the same query is served.
        var liveFrom = DateTimeOffset.MaxValue;
        var (expected, truth) = await scenario.RunAsync(
            LiveChanges,
            LiveRate,
            output.WriteLine,
            async s =>
            {
                liveFrom = DateTimeOffset.UtcNow;
                await s.Simulator.SetFaultsAsync(new FaultSettings { PageOneChangeRate = 0.3 });
                await s.Simulator.WaitForTrafficAsync(TimeSpan.FromMinutes(3));
                await s.Simulator.SetFaultsAsync(new FaultSettings { PageOneChangeRate = 0 });
            },
            backlog: BacklogChanges,
            backlogSpan: TimeSpan.FromMinutes(12));
        Assert.True(scenario.Worker.IsRunning, "The worker exited:\n" + scenario.WorkerLogTail());

        var stats = (await scenario.Simulator.Http.GetFromJsonAsync<SimStats>("/_sim/stats"))!;
        var live = truth.Where(c => c.At >= liveFrom.AddSeconds(-1)).ToList();
        var hot = truth.Count(c => c.Kind == SimChangeKinds.Created && c.At < liveFrom.AddSeconds(-1));
        var span = (live.Max(c => c.At) - live.Min(c => c.At)).TotalSeconds;
        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        output.WriteLine($"hot records {hot}, live changes {live.Count} in {span:0} s ({live.Count / span:0.0}/s), page-one changes {stats.PageOneChanges}; {comparison.Describe()}");

        Assert.True(hot >= 1_000, $"only {hot} records in the hot horizon");
        Assert.True(live.Count / span >= 4, $"only {live.Count / span:0.0} changes/s");
        Assert.True(stats.PageOneChanges >= 20, $"only {stats.PageOneChanges} page-one changes");
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
    }
}
