using Streamer.Benchmarks.Infrastructure;
using Streamer.Benchmarks.Live;
using Streamer.Simulator;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// (h) What one poll's pass costs with the default polling (<c>FilterOn=CreatedAt</c>, its re-scan tiers, 10
/// requests/s, a 1 s interval) against an API that filters on <c>updated_at</c>: 1,000+ records in the hot
/// horizon, live traffic of 5 changes/s with each record's states at least 8 s apart, so records move
/// between pages while a pass reads them. Reports requests and time per pass, and how many of the
/// changes made meanwhile reached the broker as their own event (a state never read has none).
/// </summary>
public static class PassBenchmark
{
    private const int BacklogChanges = 3_000;
    private const double LiveRate = 5;
    private static readonly TimeSpan StateGap = TimeSpan.FromSeconds(8);

    /// <summary>Runs (h).</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var settings = context.Settings;
        await using var simulator = await BenchSimulator.StartAsync(TimestampField.UpdatedAt, seed: 19, o =>
        {
            o.MinChangeGap = StateGap;
            o.BurstSize = 0;
        });
        await simulator.BacklogAsync(BacklogChanges, TimeSpan.FromMinutes(12));
        var backlog = await simulator.StatsAsync();
        await using var lease = await context.Broker.LeaseAsync("pass");
        await using var recorder = await ArrivalRecorder.StartAsync(lease.Connection);
        var state = Directory.CreateTempSubdirectory("streamer-bench-pass-");
        try
        {
            var environment = new Dictionary<string, string>(simulator.AccountSettings)
            {
                ["Rabbit__Uri"] = lease.Uri.ToString(),
                ["Rabbit__DeclareQueues__0"] = QueueTopology.Queue,
                ["State__Path"] = Path.Combine(state.FullName, "state.db"),
                ["Polling__FilterOn"] = "CreatedAt",
                ["Polling__Interval"] = "00:00:01",
                [$"Logging__LogLevel__Streamer.Worker.Account.{BenchSimulator.AccountName}"] = "Debug",
            };
            await using var worker = ChildProcess.StartWorker(environment);

            // Live traffic starts once the snapshot is out: one creation per backlog record.
            var snapshotBy = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (recorder.Deliveries < backlog.Records && DateTime.UtcNow < snapshotBy)
            {
                EnsureRunning(worker);
                await Task.Delay(250);
            }

            await simulator.StartTrafficAsync(0, LiveRate);
            await Task.Delay(settings.LiveWarmUp);
            var first = await simulator.StatsAsync();
            var linesBefore = worker.Output.Count;
            await Task.Delay(settings.Quick ? TimeSpan.FromSeconds(15) : TimeSpan.FromSeconds(60));
            var last = await simulator.StatsAsync();
            var polls = PollLog.Read(worker.Output.Skip(linesBefore).ToList());
            await simulator.StopTrafficAsync();
            EnsureRunning(worker);

            var truth = (await simulator.ChangesAsync(first.Changes)).Where(c => c.Seq <= last.Changes).ToList();
            var ids = truth.Select(c => ChangeIds.Of(c, BenchSimulator.TenantId)).ToList();
            var drainBy = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (ids.Any(id => recorder.ArrivalOf(id) is null) && DateTime.UtcNow < drainBy)
            {
                await Task.Delay(250);
            }

            Report(context, backlog.Records, first, last, polls, ids.Count(id => recorder.ArrivalOf(id) is not null), truth.Count);
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    private static void Report(BenchContext context, long records, Simulator.Control.SimStats first, Simulator.Control.SimStats last, IReadOnlyList<PollLog> polls, int arrived, int changes)
    {
        var figures = context.Figures;
        const string Setting = "FilterOn=CreatedAt (defaults: 15 min re-scan every poll, 1 day every 5 min, 10 requests/s, 1 s interval) on an updated_at simulator";
        var durations = polls.Select(p => p.Elapsed.TotalMilliseconds).Order().ToList();
        figures.Add("pass_hot_records", records, 0, $"(h) records in the hot horizon when live traffic starts ({LiveRate} changes/s, states >= {StateGap.TotalSeconds:0} s apart)");
        figures.Add("pass_requests_per_pass", polls.Count == 0 ? double.NaN : (double)(last.Requests - first.Requests) / polls.Count, 1, $"(h) {Setting}: chat-records requests per poll pass over the measured window (floor: one per 100 records)");
        figures.Add("pass_p50_ms", Percentiles.Of(durations, 50), 0, $"(h) {Setting}: median time of one pass (read, detect, commit), from the worker's log");
        figures.Add("pass_p99_ms", Percentiles.Of(durations, 99), 0, $"(h) {Setting}: p99 time of one pass");
        figures.Add("pass_changes_arrived_pct", changes == 0 ? double.NaN : 100.0 * arrived / changes, 1, $"(h) {Setting}: share of the {changes:N0} changes made while measured whose own event reached the broker (a state no pass read has none)");
    }

    private static void EnsureRunning(ChildProcess worker)
    {
        if (!worker.IsRunning)
        {
            throw new InvalidOperationException($"the worker exited:\n{worker.Tail()}");
        }
    }
}
