using Streamer.Benchmarks.Infrastructure;
using Streamer.Benchmarks.Live;
using Streamer.Simulator;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// (i) What an account costs in API requests under each <c>Polling:FilterOn</c>, same run: a modest account
/// (about 1,000 records over the last 15 minutes) with live traffic of 2 changes/s, then idle. The worker
/// runs on its defaults (5 s interval, the tiers of its filter). The cases run side by side, each with its
/// own simulator, worker and virtual host: requests are counted by the simulator, not timed.
/// Floor: one request per poll plus one per 100 records changed.
/// </summary>
public static class CostBenchmark
{
    private const int BacklogChanges = 2_500;
    private const double LiveRate = 2;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private static readonly CostCase[] Cases =
    [
        new("auto_updated", "Auto", TimestampField.UpdatedAt),
        new("auto_created", "Auto", TimestampField.CreatedAt),
        new("createdat_updated", "CreatedAt", TimestampField.UpdatedAt),
        new("createdat_created", "CreatedAt", TimestampField.CreatedAt),
    ];

    /// <summary>Runs (i).</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var live = context.Settings.Quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(3);
        var idle = context.Settings.Quick ? TimeSpan.FromSeconds(30) : TimeSpan.FromMinutes(2);
        var results = await Task.WhenAll(Cases.Select((c, i) => RunCaseAsync(context, c, 71 + i, live, idle)));

        var figures = context.Figures;
        var first = results[0];
        var floorPer1000 = 1000.0 * ((live / Interval) + (first.Changes / 100.0)) / first.Changes;
        var floorIdle = TimeSpan.FromMinutes(1) / Interval;
        figures.Add("cost_auto_updated_vs_floor_ratio", first.PerThousand / floorPer1000, 2, $"(i) {first.Case.Describe}: requests per 1,000 changes against the floor (goal <= 1.5)");
        figures.Add("cost_floor_requests_per_1000_changes", floorPer1000, 1, $"(i) the floor: one request per poll ({Interval.TotalSeconds:0} s interval) plus one per 100 records changed, at {LiveRate} changes/s");
        figures.Add("cost_floor_requests_per_idle_minute", floorIdle, 1, "(i) the floor of an idle account: one request per poll");
        foreach (var result in results)
        {
            figures.Add($"cost_{result.Case.Name}_requests_per_1000_changes", result.PerThousand, 1, $"(i) {result.Case.Describe}: API requests per 1,000 changes over {live.TotalSeconds:0} s of live traffic ({result.Changes:N0} changes)");
            figures.Add($"cost_{result.Case.Name}_requests_per_idle_minute", result.PerIdleMinute, 1, $"(i) {result.Case.Describe}: API requests per minute once traffic stopped ({idle.TotalSeconds:0} s)");
            figures.Add($"cost_{result.Case.Name}_decision", result.Decision, $"(i) {result.Case.Describe}: what the worker took the API to filter on at the end");
        }
    }

    private static async Task<CostResult> RunCaseAsync(BenchContext context, CostCase costCase, int seed, TimeSpan live, TimeSpan idle)
    {
        await using var simulator = await BenchSimulator.StartAsync(costCase.Api, seed, o => o.BurstSize = 0);
        await simulator.BacklogAsync(BacklogChanges, TimeSpan.FromMinutes(14));
        var backlog = await simulator.StatsAsync();
        await using var lease = await context.Broker.LeaseAsync($"cost-{costCase.Name}");
        await using var recorder = await ArrivalRecorder.StartAsync(lease.Connection);
        var state = Directory.CreateTempSubdirectory("streamer-bench-cost-");
        try
        {
            var environment = new Dictionary<string, string>(simulator.AccountSettings)
            {
                ["Rabbit__Uri"] = lease.Uri.ToString(),
                ["Rabbit__DeclareQueues__0"] = QueueTopology.Queue,
                ["State__Path"] = Path.Combine(state.FullName, "state.db"),
                ["Polling__FilterOn"] = costCase.FilterOn,
                ["Polling__Interval"] = "00:00:05",
            };
            await using var worker = ChildProcess.StartWorker(environment);
            var snapshotBy = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (recorder.Deliveries < backlog.Records && DateTime.UtcNow < snapshotBy)
            {
                EnsureRunning(worker);
                await Task.Delay(250);
            }

            // Warm-up: the first passes after the snapshot, and Auto's first probes.
            await simulator.StartTrafficAsync(0, LiveRate);
            await Task.Delay(TimeSpan.FromSeconds(20));
            var liveFrom = await simulator.StatsAsync();
            await Task.Delay(live);
            var liveTo = await simulator.StatsAsync();
            await simulator.StopTrafficAsync();

            // A poll in flight when traffic stopped is still the live phase's.
            await Task.Delay(Interval * 2);
            var idleFrom = await simulator.StatsAsync();
            await Task.Delay(idle);
            var idleTo = await simulator.StatsAsync();
            EnsureRunning(worker);
            return CostResult.Of(costCase, liveFrom, liveTo, idleFrom, idleTo, idle, Decision(worker));
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    // The last decision the worker logged, or what it assumed without one.
    private static string Decision(ChildProcess worker) =>
        worker.Output.LastOrDefault(l => l.Contains("start_time/end_time filter on ", StringComparison.Ordinal)) is { } line
            ? line[(line.IndexOf("filter on ", StringComparison.Ordinal) + 10)..].Split(' ')[0]
            : "no decision logged";

    private static void EnsureRunning(ChildProcess worker)
    {
        if (!worker.IsRunning)
        {
            throw new InvalidOperationException($"the worker exited:\n{worker.Tail()}");
        }
    }
}
