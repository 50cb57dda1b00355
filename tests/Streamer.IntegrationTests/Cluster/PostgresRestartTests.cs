using System.Diagnostics;
using Streamer.IntegrationTests.Stream;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Cluster;

/// <summary>
/// Two instances stream ten accounts while their PostgreSQL server is stopped for a few seconds and started again
/// (a private server, <see cref="RestartablePostgres"/>, so the other tests' server stays up): they keep or re-acquire
/// every account and the broker still carries exactly the ground truth.
/// </summary>
[Collection(ThirdBrokerCollection.Name)]
public sealed class PostgresRestartTests(RabbitMqBroker broker, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Tenants = 10;
    private string? connectionString;

    public async Task InitializeAsync() => connectionString = await RestartablePostgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (connectionString is not null)
        {
            await PostgresServer.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Cluster_PostgresRestartedMidStream_AccountsHeldAgainAndNothingLost()
    {
        var started = Stopwatch.StartNew();
        await using var scenario = await ClusterScenario.CreateAsync(broker, connectionString!, Tenants, instances: 2, seed: 41);
        var snapshotSeqs = await scenario.BacklogAsync(changes: 12);
        var backlog = await scenario.ExpectedAsync(snapshotSeqs, Enumerable.Range(0, Tenants));
        foreach (var worker in scenario.Workers.Values)
        {
            worker.Start();
        }

        Assert.True(await scenario.WaitForAsync(backlog, TimeSpan.FromMinutes(2)), "The first snapshots did not arrive:\n" + scenario.LogTail());
        output.WriteLine($"balanced at start: {await Faults.WaitForBalanceAsync(scenario, 2, Tenants)}");
        await scenario.StartTrafficAsync(changes: 250, ratePerTenantPerMinute: 60);
        await Task.Delay(TimeSpan.FromSeconds(8));

        var down = Stopwatch.StartNew();
        await RestartablePostgres.RestartAsync(TimeSpan.FromSeconds(3));
        output.WriteLine($"PostgreSQL stopped and started again in {down.Elapsed.TotalSeconds:0.0} s");
        var settled = await Faults.WaitForBalanceAsync(scenario, 2, Tenants);
        output.WriteLine($"balanced {down.Elapsed.TotalSeconds:0.0} s after the stop: {settled}");

        await scenario.WaitForTrafficAsync(TimeSpan.FromMinutes(3));
        var expected = await scenario.ExpectedAsync(snapshotSeqs, Enumerable.Range(0, Tenants));
        var complete = await scenario.WaitForAsync(expected, TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        var overlaps = await scenario.Leases.OverlapsAsync();
        var renewalsFailed = scenario.Workers.Values.Sum(w => w.Output.Count(l => l.Contains("lease(s) failed", StringComparison.Ordinal)));
        output.WriteLine($"{comparison.Describe()}\ncomplete {complete}, failed renewals logged {renewalsFailed}, took {started.Elapsed.TotalSeconds:0} s");

        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.LogTail());
        Assert.True(overlaps.Count == 0, "two owners at once: " + string.Join("; ", overlaps.Take(5)));
        Assert.All(scenario.Workers.Values, w => Assert.True(w.IsRunning, scenario.LogTail()));
    }
}
