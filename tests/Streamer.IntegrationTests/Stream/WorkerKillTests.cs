using Streamer.Simulator;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// The worker killed hard five times at full load: states last 6 s, so a restart slowed by other tests on
/// the same cores would miss some; it runs alone.
/// </summary>
[Collection(BrokerOutageCollection.Name)]
public sealed class WorkerKillTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    [Fact]
    public async Task Stream_WorkerKilledHardMidStream_NothingLostDuplicatesKeepTheirIds()
    {
        await using var scenario = await StreamScenario.CreateAsync(broker, TimestampField.CreatedAt, "CreatedAt", seed: 11);

        var kills = new Random(5);
        var (expected, _) = await scenario.RunAsync(EndToEndTests.LiveChanges, EndToEndTests.LiveRate, output.WriteLine, async s =>
        {
            for (var kill = 0; kill < 5; kill++)
            {
                await Task.Delay(TimeSpan.FromSeconds(2 + (kills.NextDouble() * 6)));
                await s.Worker.KillAsync();
                s.Worker.Start();
            }
        });

        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        output.WriteLine(comparison.Describe());
        Assert.Equal(6, scenario.Worker.Starts);
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
    }
}
