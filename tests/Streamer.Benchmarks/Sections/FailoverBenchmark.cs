using System.Diagnostics;
using System.Globalization;
using Streamer.Benchmarks.Infrastructure;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// Failover: three worker processes on one PostgreSQL database (a fresh one), a few simulator tenants as accounts,
/// live traffic. Ten times (three with --quick): <c>kill -9</c> an instance holding accounts (read from the lease
/// table), time until every one of its accounts is polled again by another instance (each tenant's request counter
/// on the simulator moving again), restart it and let the cluster rebalance. Short cluster settings, stated in the
/// output, so that the ten kills take minutes, not the quarter-hour the defaults would.
/// </summary>
public static class FailoverBenchmark
{
    private const int Instances = 3;
    private const int Accounts = 6;
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ClaimJitter = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan ResumeTimeout = TimeSpan.FromSeconds(60);

    // Polls keep going this long between a settled cluster and the next kill.
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(2);

    /// <summary>Runs the section.</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var kills = context.Settings.Quick ? 3 : 10;
        var interval = context.Settings.PollInterval;
        await using var simulator = await BenchSimulator.StartAsync(TimestampField.UpdatedAt, seed: 91, o => { o.Tenants = Accounts; o.BurstSize = 0; });
        var tenants = await simulator.TenantsAsync();
        await simulator.StartAllTenantTrafficAsync(ratePerTenantPerMinute: 60);
        await using var lease = await context.Broker.LeaseAsync("failover");
        var database = new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            await using var leases = new LeaseQuery(database.ConnectionString);
            var settings = new Dictionary<string, string>(simulator.TenantAccountSettings(tenants))
            {
                ["Rabbit__Uri"] = lease.Uri.ToString(),
                ["Rabbit__DeclareQueues__0"] = QueueTopology.Queue,
                ["State__Provider"] = "Postgres",
                ["State__ConnectionString"] = database.ConnectionString,
                ["Cluster__RenewEvery"] = RenewEvery.ToString(),
                ["Cluster__LeaseDuration"] = LeaseDuration.ToString(),
                ["Cluster__ClaimJitter"] = ClaimJitter.ToString(),
                ["Polling__Interval"] = interval.ToString(),
            };
            await using var cluster = new FailoverCluster(settings, leases, Instances);
            await cluster.StartAsync(Accounts, StartTimeout);
            await Task.Delay(Steady);
            var results = new List<FailoverKill>();
            for (var k = 0; k < kills; k++)
            {
                var result = await KillOnceAsync(cluster, leases, simulator, tenants, k);
                results.Add(result);
                BenchContext.Log($"failover kill {k + 1}/{kills}: {result.Instance} held {string.Join(", ", result.Accounts)}; all polled again after {result.Resumed.TotalSeconds:0.00} s (first {result.FirstResumed.TotalSeconds:0.00} s), leases taken over after {result.TakenOver?.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) ?? "n/a"} s");
                cluster.Restart(cluster.SlotOf(result.Instance));
                await cluster.SettleAsync(Accounts, StartTimeout);
                await Task.Delay(Steady);
            }

            Report(context.Figures, results, interval);
        }
        finally
        {
            await simulator.StopAllTenantTrafficAsync();
            await database.DisposeAsync();
        }
    }

    private static async Task<FailoverKill> KillOnceAsync(FailoverCluster cluster, LeaseQuery leases, BenchSimulator simulator, TenantList tenants, int k)
    {
        // Each slot in turn, unless it holds nothing at the moment; then any instance that holds accounts.
        var owners = await leases.OwnersAsync();
        var ids = cluster.Ids.ToList();
        var preferred = ids.FirstOrDefault(id => cluster.SlotOf(id) == k % Instances && owners.Values.Contains(id));
        var target = preferred ?? owners.Values.First(ids.Contains);
        var held = owners.Where(o => o.Value == target).Select(o => o.Key).Order(StringComparer.Ordinal).ToList();
        var index = tenants.Tenants.ToDictionary(t => t.Name, t => t.Index.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);

        var killedUtc = DateTimeOffset.UtcNow;
        var killedAt = await cluster.KillAsync(cluster.SlotOf(target));

        // The dead process sends nothing more; a request it sent just before may still be counted, so the baseline
        // is read a moment later (well before any lease can expire: the last renewal was at most RenewEvery ago).
        await Task.Delay(200);
        var baseline = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var account in held)
        {
            baseline[account] = (await simulator.TenantStatsAsync(index[account])).TenantRequests;
        }

        var resumed = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        while (resumed.Count < held.Count)
        {
            if (Stopwatch.GetElapsedTime(killedAt) > ResumeTimeout)
            {
                throw new TimeoutException($"(failover) after killing {target}, {string.Join(", ", held.Except(resumed.Keys))} not polled again within {ResumeTimeout.TotalSeconds:0} s:\n{cluster.Tails()}");
            }

            await Task.Delay(100);
            foreach (var account in held.Except(resumed.Keys).ToList())
            {
                if ((await simulator.TenantStatsAsync(index[account])).TenantRequests > baseline[account])
                {
                    resumed[account] = Stopwatch.GetElapsedTime(killedAt);
                }
            }
        }

        var takeovers = await leases.TakeoversAsync(held, target, killedUtc);
        TimeSpan? takenOver = takeovers.Count == held.Count ? takeovers.Values.Max() - killedUtc : null;
        return new FailoverKill(target, held, resumed.Values.Max(), resumed.Values.Min(), takenOver);
    }

    private static void Report(Reporting.Figures figures, List<FailoverKill> results, TimeSpan interval)
    {
        var bound = LeaseDuration + ClaimJitter + interval;
        var setting = $"{Instances} workers on one PostgreSQL database, {Accounts} accounts (simulator tenants, 1 change/s each), Cluster:RenewEvery {RenewEvery.TotalSeconds:0.#} s, Cluster:LeaseDuration {LeaseDuration.TotalSeconds:0.#} s, Cluster:ClaimJitter {ClaimJitter.TotalSeconds:0.#} s, Polling:Interval {interval.TotalSeconds:0.#} s (short settings for the benchmark; the defaults are 5 s, 15 s, 1 s and 5 s)";
        var resumed = results.Select(r => r.Resumed.TotalSeconds).ToList();
        figures.Add("failover_settings", setting, "the failover section's set-up");
        figures.Add("failover_kills", results.Count, 0, "kill -9 of an instance holding accounts, each followed by a restart and a rebalance");
        figures.Add("failover_median_s", Median(resumed), 2, "median over the kills: from the kill until every account the killed instance held was polled again by another instance (the simulator's per-tenant request counter moving again)");
        figures.Add("failover_max_s", resumed.Max(), 2, "the same, the slowest kill");
        figures.Add("failover_bound_s", bound.TotalSeconds, 2, "what it should stay under: LeaseDuration (the dead lease expires; a survivor runs a cycle at the lapse) + ClaimJitter (its claim's delay) + Polling:Interval (the first poll)");
        figures.Add("failover_within_bound", results.Count(r => r.Resumed <= bound), 0, $"kills whose accounts were all polled again within failover_bound_s (of {results.Count})");
        figures.Add("failover_first_account_median_s", Median(results.Select(r => r.FirstResumed.TotalSeconds).ToList()), 2, "median over the kills: from the kill until the first of its accounts was polled again");
        var takeovers = results.Where(r => r.TakenOver is not null).Select(r => r.TakenOver!.Value.TotalSeconds).ToList();
        figures.Add("failover_takeover_median_s", takeovers.Count > 0 ? Median(takeovers) : double.NaN, 2, $"median over the kills: from the kill until the last of its accounts' leases was acquired by another instance (lease_history; {takeovers.Count} of {results.Count} kills found there)");
        figures.Add("failover_takeover_max_s", takeovers.Count > 0 ? takeovers.Max() : double.NaN, 2, "the same, the slowest kill");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
