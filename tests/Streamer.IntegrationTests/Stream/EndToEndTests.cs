using Streamer.Nxlink;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

[Collection(BrokerCollection.Name)]
public sealed class EndToEndTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    internal const int LiveChanges = 20_000;
    internal const double LiveRate = 500;
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    [Theory]
    [InlineData(TimestampField.CreatedAt, "CreatedAt")]
    [InlineData(TimestampField.UpdatedAt, "UpdatedAt")]
    [InlineData(TimestampField.UpdatedAt, "CreatedAt")]
    public async Task Stream_SeededScenario_BrokerReceivesExactlyTheGroundTruth(TimestampField simulatorFilter, string workerFilter)
    {
        await using var scenario = await StreamScenario.CreateAsync(broker, simulatorFilter, workerFilter, seed: 7);

        var (expected, truth) = await scenario.RunAsync(LiveChanges, LiveRate, output.WriteLine);
        Assert.True(scenario.Worker.IsRunning, "The worker exited:\n" + scenario.WorkerLogTail());

        AssertScenarioIsDemanding(truth);
        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        output.WriteLine(comparison.Describe());
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
    }

    internal static void AssertScenarioIsDemanding(IReadOnlyList<SimChange> truth)
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
