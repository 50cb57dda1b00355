using Streamer.Simulator;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// The true failure: the broker process itself stopped mid-stream (<c>rabbitmqctl stop_app</c>, or the
/// container stopped), so its port refuses connections and its durable queues are recovered from disk. The
/// broker is shared by every test, so this runs alone. The outbox tests use the lighter outage of one
/// virtual host instead (<see cref="RabbitMqBroker.StopVirtualHostAsync(Uri)"/>).
/// </summary>
[Collection(BrokerOutageCollection.Name)]
public sealed class BrokerOutageTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    [Fact]
    public async Task Stream_BrokerStopped20SecondsMidStream_ResumesWithNothingLost()
    {
        // While the broker is away nothing is published, so a record changed twice meanwhile would show
        // only its last state: states here last longer than the outage plus the catch-up.
        await using var scenario = await StreamScenario.CreateAsync(broker, TimestampField.CreatedAt, "CreatedAt", seed: 23, o => o.MinChangeGap = TimeSpan.FromSeconds(45), FaultTests.Impatient);

        var (expected, _) = await scenario.RunAsync(8_000, 200, output.WriteLine, async s =>
        {
            await Task.Delay(TimeSpan.FromSeconds(8));
            await broker.StopBrokerAsync();
            await Task.Delay(TimeSpan.FromSeconds(20));
            await broker.StartBrokerAsync();
        });

        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        output.WriteLine(comparison.Describe());
        Assert.Equal(1, scenario.Worker.Starts);
        Assert.True(scenario.Worker.IsRunning);
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
    }
}
