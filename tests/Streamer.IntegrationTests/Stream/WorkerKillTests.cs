using Streamer.Simulator;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// The worker killed hard five times, at full load or while the broker is away. Each state lasts 10 s,
/// longer than a restart (about 3 s to the first event on a quiet machine) plus its first pass; a shorter
/// state could go unseen while the worker is down, which no design can prevent. These run alone, so other
/// tests do not slow the restarts; other work on the machine still can: while five builds shared its two
/// cores, kill to first poll took 3-14 s, and the first test lost a few hundred 10 s states when it passed 10 s.
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
            // Each kill 2-8 s after the restarted worker's first poll: a kill before it would leave the worker
            // down through two restarts, longer than a state lasts.
            for (var kill = 0; kill < 5; kill++)
            {
                await Task.Delay(TimeSpan.FromSeconds(2 + (kills.NextDouble() * 6)));
                var restart = await s.KillAndRestartAsync();
                output.WriteLine($"kill {kill + 1}: first poll {restart.TotalSeconds:0.0} s after it");
            }
        });

        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        output.WriteLine(comparison.Describe());
        Assert.Equal(6, scenario.Worker.Starts);
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
    }

    /// <summary>
    /// The outbox across kills: five hard kills while the test's virtual host is down for 60 s (an outage of
    /// that virtual host, <see cref="RabbitMqBroker.StopVirtualHostAsync(Uri)"/>, not a stopped broker), records
    /// changing every 10 s; every change arrives in order once the virtual host is back, none inferred.
    /// </summary>
    [Fact]
    public Task Stream_VirtualHostDown60SecondsWithFiveKillsWhileEveryRecordChangesEvery10Seconds_EveryIntermediateChangeArrivesInOrder() =>
        OutboxTests.VirtualHostDown60SecondsAsync(broker, output, kills: 5, everySeconds: 10);
}
