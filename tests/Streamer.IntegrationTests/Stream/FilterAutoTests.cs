using System.Diagnostics;
using Streamer.Simulator;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// <c>Polling:FilterOn=Auto</c> against the simulator: which timestamp it filters on is learned from the API
/// itself, and a switch of the API's behaviour mid-run falls back to created_at within a probe period with
/// nothing lost. All records lie in the 15-minute hot horizon, so the default tiers of either filter apply.
/// </summary>
[Collection(SecondBrokerCollection.Name)]
public sealed class FilterAutoTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private static readonly TimeSpan ProbeEvery = TimeSpan.FromSeconds(5);

    private static readonly Dictionary<string, string> Auto = new()
    {
        ["Polling__FilterProbeEvery"] = "00:00:05",
        ["Polling__MaxRequestsPerSecond"] = "50",
    };

    [Theory]
    [InlineData(TimestampField.CreatedAt, true, "filter on CreatedAt")]
    [InlineData(TimestampField.UpdatedAt, true, "filter on UpdatedAt")]
    [InlineData(TimestampField.UpdatedAt, false, null)]
    public async Task Stream_AutoOnEachSimulatorSetting_LearnsItsFilterAndDeliversTheGroundTruth(TimestampField simulatorFilter, bool updatedAtMoves, string? learned)
    {
        await using var scenario = await StreamScenario.CreateAsync(
            broker, simulatorFilter, "Auto", seed: 31, o => { o.UpdatedAtFollowsChanges = updatedAtMoves; o.MinChangeGap = TimeSpan.FromSeconds(6); }, Auto);

        var (expected, _) = await scenario.RunAsync(120, 6, output.WriteLine, backlog: 400, backlogSpan: TimeSpan.FromMinutes(10));

        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        var decisions = scenario.Worker.Output.Where(line => line.Contains("start_time/end_time filter on", StringComparison.Ordinal) || line.Contains("a probe disagrees", StringComparison.Ordinal)).ToList();
        output.WriteLine($"{comparison.Describe()}; decisions: {string.Join(" | ", decisions)}");
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
        if (learned is null)
        {
            // Records whose two timestamps never differ give no evidence: created_at, the safe one, stays.
            Assert.Empty(decisions);
        }
        else
        {
            Assert.Contains(decisions, line => line.Contains(learned, StringComparison.Ordinal));
            Assert.DoesNotContain(decisions, line => !line.Contains(learned, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Stream_ApiSwitchesFromUpdatedAtToCreatedAtMidRun_FallsBackWithinAProbePeriodAndLosesNothing()
    {
        // A record's states last longer than a probe period plus a poll, the longest the worker reads on a
        // wrong belief; after the fall-back every re-scan runs again and reads what changed meanwhile.
        await using var scenario = await StreamScenario.CreateAsync(
            broker, TimestampField.UpdatedAt, "Auto", seed: 37, o => o.MinChangeGap = TimeSpan.FromSeconds(15), Auto);
        var fellBackAfter = TimeSpan.Zero;

        var (expected, _) = await scenario.RunAsync(
            240,
            4,
            output.WriteLine,
            async s =>
            {
                Assert.True(await WaitForLineAsync(s.Worker, "filter on UpdatedAt", TimeSpan.FromSeconds(30)), "UpdatedAt was not learned:\n" + s.WorkerLogTail());
                await Task.Delay(TimeSpan.FromSeconds(5));
                await s.Simulator.SwitchFilterAsync(TimestampField.CreatedAt);
                var switched = Stopwatch.StartNew();
                Assert.True(await WaitForLineAsync(s.Worker, "a probe disagrees", TimeSpan.FromSeconds(30)), "No fall-back:\n" + s.WorkerLogTail());
                fellBackAfter = switched.Elapsed;
            },
            backlog: 400,
            backlogSpan: TimeSpan.FromMinutes(10));

        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        output.WriteLine($"fell back {fellBackAfter.TotalSeconds:0.0} s after the switch (probe period {ProbeEvery.TotalSeconds:0} s); {comparison.Describe()}");
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());

        // Within one probe period, give or take the poll the probe follows (1 s interval) and its own requests.
        Assert.True(fellBackAfter <= ProbeEvery + TimeSpan.FromSeconds(3), $"fell back after {fellBackAfter}");
    }

    private static async Task<bool> WaitForLineAsync(WorkerProcess worker, string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (worker.Output.Any(line => line.Contains(text, StringComparison.Ordinal)))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
