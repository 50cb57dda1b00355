using Streamer.Simulator;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// <see cref="WorkerKillTests"/>' hard-kill test on the PostgreSQL state backend: the worker killed five
/// times mid-stream, restarted each time on the same database (each restart waits for its first poll, so a
/// slow restart under the other collections' load is waited out, not lost). It runs beside the other collections,
/// so restarts are slower than in the SQLite twin, which runs alone: each state lasts 40 s, not 10 s, longer than the
/// slowest kill-to-first-poll seen under that load (17 s, and 20 s states were lost; a state shorter than the worker's
/// downtime cannot be seen by any poller).
/// </summary>
[Collection(ThirdBrokerCollection.Name)]
public sealed class PostgresWorkerKillTests(RabbitMqBroker broker, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly PostgresDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    // A stable instance id, as a deployment gives each instance (a pod or service name): the restarted worker takes
    // its own unexpired lease back at once (with a new token) instead of waiting out the lease of its previous run.
    private static Dictionary<string, string> Settings(string connectionString) =>
        new(PostgresStreamTests.Settings(connectionString)) { ["Cluster__InstanceId"] = "kill-test" };

    [Fact]
    public async Task Stream_WorkerOnPostgresKilledHardMidStream_NothingLostDuplicatesKeepTheirIds()
    {
        var started = DateTime.UtcNow;
        await using var scenario = await StreamScenario.CreateAsync(
            broker, TimestampField.CreatedAt, "CreatedAt", seed: 11, o => o.MinChangeGap = TimeSpan.FromSeconds(40), Settings(database.ConnectionString));

        var kills = new Random(5);
        var (expected, _) = await scenario.RunAsync(EndToEndTests.LiveChanges, EndToEndTests.LiveRate, output.WriteLine, async s =>
        {
            for (var kill = 0; kill < 5; kill++)
            {
                await Task.Delay(TimeSpan.FromSeconds(2 + (kills.NextDouble() * 6)));
                var restart = await s.KillAndRestartAsync();
                output.WriteLine($"kill {kill + 1}: first poll {restart.TotalSeconds:0.0} s after it");
            }
        });

        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        output.WriteLine(comparison.Describe());
        output.WriteLine($"took {(DateTime.UtcNow - started).TotalSeconds:0} s");
        Assert.Equal(6, scenario.Worker.Starts);
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
    }
}
