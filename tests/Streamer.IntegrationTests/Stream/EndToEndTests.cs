using Streamer.Nxlink;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

[Collection(BrokerCollection.Name)]
public sealed class EndToEndTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private const int LiveChanges = 20_000;
    private const double LiveRate = 500;
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData(TimestampField.CreatedAt, "CreatedAt")]
    [InlineData(TimestampField.UpdatedAt, "UpdatedAt")]
    [InlineData(TimestampField.UpdatedAt, "CreatedAt")]
    public async Task Stream_SeededScenario_BrokerReceivesExactlyTheGroundTruth(TimestampField simulatorFilter, string workerFilter)
    {
        await using var scenario = await StreamScenario.CreateAsync(broker, simulatorFilter, workerFilter, seed: 7);

        var (expected, truth) = await RunAsync(scenario, kills: 0);

        AssertScenarioIsDemanding(truth);
        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        output.WriteLine(comparison.Describe());
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
    }

    [Fact]
    public async Task Stream_WorkerKilledHardMidStream_NothingLostDuplicatesKeepTheirIds()
    {
        await using var scenario = await StreamScenario.CreateAsync(broker, TimestampField.CreatedAt, "CreatedAt", seed: 11);

        var (expected, _) = await RunAsync(scenario, kills: 3);

        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        output.WriteLine(comparison.Describe());
        Assert.Equal(4, scenario.Worker.Starts);
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
    }

    private async Task<(IReadOnlyList<ExpectedEvent> Expected, IReadOnlyList<SimChange> Truth)> RunAsync(StreamScenario scenario, int kills)
    {
        // History from before the first start: the worker snapshots it, then follows live traffic.
        await scenario.Simulator.BacklogAsync(1_000, TimeSpan.FromHours(2));
        var backlog = await scenario.Simulator.ChangesAsync();
        var snapshotSeq = backlog.Max(c => c.Seq);
        var backlogRecords = backlog.Count(c => c.Kind == SimChangeKinds.Created);
        scenario.Worker.Start();

        // Live traffic starts once the snapshot is out, so the ground truth knows which changes it folded in.
        Assert.True(
            await scenario.Recorder.WaitUntilAsync(r => !scenario.Worker.IsRunning || r.DistinctCount >= backlogRecords, TimeSpan.FromMinutes(1)),
            "The initial snapshot did not arrive:\n" + scenario.WorkerLogTail());
        await scenario.Simulator.StartTrafficAsync(LiveChanges, LiveRate);

        var random = new Random(kills);
        for (var kill = 0; kill < kills; kill++)
        {
            await Task.Delay(TimeSpan.FromSeconds(4 + (random.NextDouble() * 6)));
            await scenario.Worker.KillAsync();
            scenario.Worker.Start();
        }

        await scenario.Simulator.WaitForTrafficAsync(TimeSpan.FromMinutes(3));
        var truth = await scenario.Simulator.ChangesAsync();
        var expected = GroundTruth.Expected(truth, StreamScenario.TenantId, snapshotSeq);
        var ids = expected.Select(e => e.EventId).ToHashSet();
        var complete = await scenario.Recorder.WaitUntilAsync(
            r => !scenario.Worker.IsRunning || r.Received.Select(x => x.Event.EventId).Where(ids.Contains).Distinct().Count() == ids.Count,
            TimeSpan.FromMinutes(2));
        Assert.True(scenario.Worker.IsRunning, "The worker exited:\n" + scenario.WorkerLogTail());
        output.WriteLine($"changes {truth.Count}, expected events {expected.Count}, complete {complete}, worker starts {scenario.Worker.Starts}");

        // Anything extra (a wrong event) would arrive with the rest; give stragglers a moment.
        await Task.Delay(TimeSpan.FromSeconds(3));
        return (expected, truth);
    }

    private static void AssertScenarioIsDemanding(IReadOnlyList<SimChange> truth)
    {
        var created = truth.Where(c => c.Kind == SimChangeKinds.Created).ToList();
        Assert.True(created.Count >= 5_000, $"{created.Count} records");
        Assert.True(truth.Count >= LiveChanges, $"{truth.Count} changes");
        Assert.True(created.GroupBy(c => c.CreatedAt).Max(g => g.Count()) > 100, "a same-second burst of more than 100 records");

        // Changes to messages older than the incremental window (5 s overlap + 2 s lag), by kind.
        var old = truth.Where(c => c.Kind != SimChangeKinds.Created && Age(c) > TimeSpan.FromSeconds(30)).ToList();
        Assert.Contains(old, c => c.Kind == SimChangeKinds.Status);
        Assert.Contains(old, c => c.Kind == SimChangeKinds.Reaction && c.Emoji is null);
        Assert.Contains(old, c => c.Kind == SimChangeKinds.Status && c.Status == "failed");
    }

    private static TimeSpan Age(SimChange change) =>
        NxlinkTime.Parse(change.UpdatedAt, Zone)!.Value - NxlinkTime.Parse(change.CreatedAt, Zone)!.Value;
}
