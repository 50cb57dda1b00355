using Streamer.Simulator;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// The worker killed hard five times at full load. Each state lasts 10 s, longer than a restart (about 3 s
/// to the first event) plus its first pass; a shorter state could go unseen while the worker is down, which
/// no design can prevent. It runs alone, so other tests do not slow the restarts.
/// </summary>
[Collection(BrokerOutageCollection.Name)]
public sealed class WorkerKillTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    [Fact]
    public async Task Stream_WorkerKilledHardMidStream_NothingLostDuplicatesKeepTheirIds()
    {
        await using var scenario = await StreamScenario.CreateAsync(
            broker, TimestampField.CreatedAt, "CreatedAt", seed: 11, o => o.MinChangeGap = TimeSpan.FromSeconds(10));

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
