using System.Diagnostics;
using Streamer.IntegrationTests.Stream;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Cluster;

/// <summary>
/// Three worker processes share thirty accounts through one PostgreSQL database, against the simulator's ground truth:
/// exactly the changes reach the broker while one instance is killed hard, one is frozen longer than its lease, and
/// leases are taken from under a running one; no account is ever held by two instances at once.
/// </summary>
[Collection(ThirdBrokerCollection.Name)]
public sealed class ClusterTests(RabbitMqBroker broker, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Tenants = 30;
    private readonly PostgresDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Cluster_ThreeInstancesKilledPausedAndFenced_ExactlyTheGroundTruthAndNeverTwoOwners()
    {
        var started = Stopwatch.StartNew();
        await using var scenario = await ClusterScenario.CreateAsync(broker, database.ConnectionString, Tenants, instances: 3, seed: 31);
        var snapshotSeqs = await scenario.BacklogAsync(changes: 12);
        var backlog = await scenario.ExpectedAsync(snapshotSeqs, Enumerable.Range(0, Tenants));
        foreach (var worker in scenario.Workers.Values)
        {
            worker.Start();
        }

        Assert.True(await scenario.WaitForAsync(backlog, TimeSpan.FromMinutes(2)), "The first snapshots did not arrive:\n" + scenario.LogTail());
        await using var cursors = CursorWatch.Start(scenario.Leases);
        output.WriteLine($"balanced at start: {await Faults.WaitForBalanceAsync(scenario, 3, Tenants)}");
        await scenario.StartTrafficAsync(changes: 900, ratePerTenantPerMinute: 60);

        var failover = await Faults.KillAsync(scenario, "w3", output.WriteLine);
        output.WriteLine($"balanced after the restart: {await Faults.WaitForBalanceAsync(scenario, 3, Tenants)}");
        var paused = await Faults.PauseAsync(scenario, "w1", output.WriteLine);
        var refused = await Faults.TakeOverAsync(scenario, "w2", output.WriteLine);

        await scenario.WaitForTrafficAsync(TimeSpan.FromMinutes(4));
        var expected = await scenario.ExpectedAsync(snapshotSeqs, Enumerable.Range(0, Tenants));
        var complete = await scenario.WaitForAsync(expected, TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(3));
        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        output.WriteLine($"{comparison.Describe()}\ncomplete {complete}, took {started.Elapsed.TotalSeconds:0} s");
        var settled = await Faults.WaitForBalanceAsync(scenario, 3, Tenants);
        var overlaps = await scenario.Leases.OverlapsAsync();
        var history = await scenario.Leases.HistoryAsync();
        output.WriteLine($"lease history: {history.Count} holdings, {history.Select(h => h.Owner).Distinct().Count()} owners; settled: {settled}; cursor samples {cursors.Samples}");

        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.LogTail());
        Assert.True(overlaps.Count == 0, "two owners at once: " + string.Join("; ", overlaps.Take(5)));
        Assert.True(failover.Max <= Faults.FailoverBound * 2, $"failover took {failover.Max.TotalSeconds:0.0} s (bound {Faults.FailoverBound.TotalSeconds:0.0} s)");
        Assert.NotEmpty(paused.Lost);
        Assert.All(paused.Lost, a => Assert.DoesNotContain(a, paused.PolledAfterLoss));
        Assert.True(refused > 0, "no fenced write was refused after the leases were taken over:\n" + scenario.LogTail());
        Assert.True(cursors.MovedBack.Count == 0, "a cursor moved back: " + string.Join(", ", cursors.MovedBack));
        Assert.All(scenario.Workers.Values, w => Assert.True(w.IsRunning, scenario.LogTail()));
    }
}
