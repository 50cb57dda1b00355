using System.Net.Http.Json;
using Streamer.Benchmarks.Infrastructure;
using Streamer.Benchmarks.Live;
using Streamer.Simulator;
using Streamer.Simulator.Control;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// (j) Many accounts in one worker: one simulator tenant per account, each with a small backlog and about one
/// change a minute, polled every 5 s on the defaults (<c>FilterOn=Auto</c> against an updated_at API). Measures,
/// once the first snapshots are out, the worker's CPU share of one core, its RSS, the API requests per second
/// and the time from each change to its event reaching the broker, across all accounts; and the same with
/// one busy account (1,000 changes/s) among them, for the others' latency.
/// </summary>
public static class AccountsBenchmark
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    /// <summary>Runs (j).</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var quick = context.Settings.Quick;
        AccountsCase[] cases = quick
            ? [new("a100", 100)]
            : [new("a1000", 1_000), new("busy", 1_000, BusyRate: 1_000), new("a5000", 5_000)];
        foreach (var accountsCase in cases)
        {
            await RunCaseAsync(context, accountsCase, quick ? TimeSpan.FromSeconds(20) : TimeSpan.FromSeconds(60), quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(2));
        }
    }

    private static async Task RunCaseAsync(BenchContext context, AccountsCase accountsCase, TimeSpan warmUp, TimeSpan measure)
    {
        BenchContext.Log($"{accountsCase.Name}: {accountsCase.Accounts:N0} accounts");
        await using var simulator = await BenchSimulator.StartAsync(TimestampField.UpdatedAt, seed: 81, o => { o.Tenants = accountsCase.Accounts; o.BurstSize = 0; });
        using (var backlog = await simulator.Http.PostAsJsonAsync("/_sim/backlog?tenant=all", new BacklogRequest { Changes = 10, Span = TimeSpan.FromMinutes(10) }))
        {
            backlog.EnsureSuccessStatusCode();
        }

        var tenants = await simulator.TenantsAsync();
        var records = (await simulator.TenantStatsAsync("all")).Records;
        await using var lease = await context.Broker.LeaseAsync($"accounts-{accountsCase.Name}");
        await using var recorder = await ArrivalRecorder.StartAsync(lease.Connection);
        var state = Directory.CreateTempSubdirectory("streamer-bench-accounts-");
        try
        {
            var environment = new Dictionary<string, string>
            {
                ["Health__Port"] = "0",
                ["ConfigFile"] = AccountsConfigFile.Write(state.FullName, simulator.BaseUrl, tenants),
                ["Rabbit__Uri"] = lease.Uri.ToString(),
                ["Rabbit__DeclareQueues__0"] = QueueTopology.Queue,
                ["State__Path"] = Path.Combine(state.FullName, "state.db"),
                ["Polling__Interval"] = "00:00:05",
            };
            await using var worker = ChildProcess.StartWorker(environment);
            var snapshotBy = DateTime.UtcNow + TimeSpan.FromMinutes(5);
            while (recorder.Deliveries < records && DateTime.UtcNow < snapshotBy && worker.IsRunning)
            {
                await Task.Delay(500);
            }

            BenchContext.Log($"{accountsCase.Name}: snapshots out ({recorder.Deliveries:N0} of {records:N0} records)");
            await simulator.StartAllTenantTrafficAsync(1);
            if (accountsCase.BusyRate > 0)
            {
                await simulator.StartTrafficAsync(0, accountsCase.BusyRate);
            }

            await Task.Delay(warmUp);
            var from = DateTimeOffset.UtcNow;
            var cpuFrom = CpuMeter.ProcessSeconds(worker.Id);
            var requestsFrom = (await simulator.TenantStatsAsync("all")).Requests;
            await Task.Delay(measure);
            var cpu = CpuMeter.ProcessSeconds(worker.Id) - cpuFrom;
            var requests = (await simulator.TenantStatsAsync("all")).Requests - requestsFrom;
            var rss = ProcStatus.Rss(worker.Id);
            var to = DateTimeOffset.UtcNow;
            await simulator.StopAllTenantTrafficAsync();
            if (accountsCase.BusyRate > 0)
            {
                await simulator.StopTrafficAsync();
            }

            await Task.Delay(Interval * 3);
            if (!worker.IsRunning)
            {
                throw new InvalidOperationException($"the worker exited:\n{worker.Tail()}");
            }

            var changes = (await simulator.TenantChangesAsync("all")).Where(c => c.At >= from && c.At < to).ToList();
            Report(context.Figures, accountsCase, measure, cpu, rss, requests, AccountsLatency.Of(changes, tenants, recorder, accountsCase.BusyRate > 0));
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    private static void Report(Reporting.Figures figures, AccountsCase c, TimeSpan measure, double cpu, long rss, long requests, AccountsLatency latency)
    {
        var setting = $"(j) {c.Accounts:N0} accounts, 1 change/min each{(c.BusyRate > 0 ? $", tenant 0 at {c.BusyRate:N0} changes/s" : string.Empty)}, 5 s interval, Auto on an updated_at API";
        figures.Add($"accounts_{c.Name}_cpu_pct_of_core", 100 * cpu / measure.TotalSeconds, 1, $"{setting}: worker CPU over {measure.TotalSeconds:0} s, percent of one core (goal < 50 at 1,000)");
        figures.Add($"accounts_{c.Name}_rss_mb", rss / 1024.0 / 1024.0, 0, $"{setting}: worker RSS at the end (goal < 400 MB at 1,000)");
        figures.Add($"accounts_{c.Name}_requests_per_s", requests / measure.TotalSeconds, 1, $"{setting}: API requests per second");
        figures.Add($"accounts_{c.Name}_p50_s", latency.P50, 2, $"{setting}: median change-to-broker time, all accounts but a busy one ({latency.Changes:N0} changes)");
        figures.Add($"accounts_{c.Name}_p99_s", latency.P99, 2, $"{setting}: p99 change-to-broker time, all accounts but a busy one (goal <= interval + 1 s = {(Interval + TimeSpan.FromSeconds(1)).TotalSeconds:0} s)");
        figures.Add($"accounts_{c.Name}_not_arrived", latency.Missing, 0, $"{setting}: changes whose event had not reached the broker 15 s after traffic stopped");
        if (c.BusyRate > 0)
        {
            figures.Add($"accounts_{c.Name}_busy_p50_s", latency.BusyP50, 2, $"{setting}: median change-to-broker time of the busy account (at the default 10 requests/s it cannot read 1,000 changes/s)");
            figures.Add($"accounts_{c.Name}_busy_arrived_pct", latency.BusyArrivedPct, 1, $"{setting}: share of the busy account's changes whose event reached the broker within 15 s of the end");
        }
    }
}
