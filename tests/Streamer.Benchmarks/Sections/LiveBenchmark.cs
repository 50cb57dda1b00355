using Streamer.Benchmarks.Infrastructure;
using Streamer.Benchmarks.Live;
using Streamer.Simulator;
using Streamer.Simulator.Control;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// (f) and (g) under each filter setting: the simulator makes live changes at a steady rate, the real worker
/// process streams them, a consumer on the broker notes each event's arrival. (f) is the time from the change
/// to its event's arrival; (g) the API requests the worker made per 1,000 changes meanwhile.
/// </summary>
public static class LiveBenchmark
{
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(30);

    // Tuned for a live rate this high: no safety lag (the overlap re-reads the current second anyway) and a
    // 5 s overlap. The last case keeps the worker's defaults (2 s lag, 30 s overlap) to show what they cost.
    private static readonly LiveCase[] Cases =
    [
        new("updatedat", TimestampField.UpdatedAt, SafetyLag: "00:00:00", Overlap: "00:00:05"),
        new("createdat", TimestampField.CreatedAt, SafetyLag: "00:00:00", Overlap: "00:00:05"),
        new("updatedat_defaults", TimestampField.UpdatedAt, SafetyLag: null, Overlap: null, WarmUp: TimeSpan.FromSeconds(35)),
    ];

    /// <summary>Runs (f) and (g) for both filter settings, and once with the worker's default lag and overlap.</summary>
    public static async Task RunAsync(BenchContext context)
    {
        foreach (var live in Cases)
        {
            await RunAsync(context, live);
        }
    }

    private static async Task RunAsync(BenchContext context, LiveCase live)
    {
        var settings = context.Settings;
        var (key, filter) = (live.Key, live.Filter);
        await using var simulator = await BenchSimulator.StartAsync(filter, seed: 11);
        await using var lease = await context.Broker.LeaseAsync($"live-{key.Replace('_', '-')}");
        await using var recorder = await ArrivalRecorder.StartAsync(lease.Connection);
        var state = Directory.CreateTempSubdirectory("streamer-bench-live-");
        try
        {
            var environment = new Dictionary<string, string>(simulator.AccountSettings)
            {
                ["Rabbit__Uri"] = lease.Uri.ToString(),
                ["Rabbit__DeclareQueues__0"] = QueueTopology.Queue,
                ["State__Path"] = Path.Combine(state.FullName, "state.db"),
                ["Polling__FilterOn"] = filter.ToString(),
                ["Polling__Interval"] = settings.PollInterval.ToString(),
                ["Polling__MaxRequestsPerSecond"] = StreamBenchmark.UnlimitedRequests,


                // One line per poll (window, records, events, elapsed): the poll's own duration is part of the latency.
                [$"Logging__LogLevel__Streamer.Worker.Account.{BenchSimulator.AccountName}"] = "Debug",
            };
            if (live.SafetyLag is { } lag)
            {
                environment["Polling__SafetyLag"] = lag;
            }

            if (live.Overlap is { } overlap)
            {
                environment["Polling__Overlap"] = overlap;
            }

            await using var worker = ChildProcess.StartWorker(environment);

            // The first poll (an empty snapshot) is done once the API has been asked.
            while ((await simulator.StatsAsync()).Requests == 0)
            {
                EnsureRunning(worker);
                await Task.Delay(100);
            }

            await Task.Delay(settings.PollInterval * 1.5);
            await using var watcher = AppearanceWatcher.Start(simulator, after: (await simulator.StatsAsync()).Changes);
            await simulator.StartTrafficAsync(0, settings.LiveRate);
            await Task.Delay(settings.Quick || live.WarmUp is null ? settings.LiveWarmUp : live.WarmUp.Value);

            var samples = new List<(DateTime At, SimStats Stats)> { (DateTime.UtcNow, await simulator.StatsAsync()) };
            var linesBefore = worker.Output.Count;
            var end = DateTime.UtcNow + settings.LiveMeasure;
            while (DateTime.UtcNow < end)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
                samples.Add((DateTime.UtcNow, await simulator.StatsAsync()));
                EnsureRunning(worker);
            }

            var polls = PollLog.Read(worker.Output.Skip(linesBefore));
            if (polls.Count == 0)
            {
                context.Figures.Note("live", $"{key}: no poll lines in the worker's log; its last lines: {worker.Tail(5)}");
            }

            await simulator.StopTrafficAsync();
            var (first, last) = (samples[0].Stats, samples[^1].Stats);
            var truth = (await simulator.ChangesAsync(first.Changes)).Where(c => c.Seq <= last.Changes).ToList();
            var ids = truth.Select(c => ChangeIds.Of(c, BenchSimulator.TenantId)).ToList();
            await DrainAsync(recorder, ids, worker);

            ReportLatency(context, live, truth, ids, recorder, watcher);
            ReportRequests(context, live, samples);
            ReportPolls(context, live, polls);
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    // Waits until every measured change has its event, or the queue has been quiet for a while.
    private static async Task DrainAsync(ArrivalRecorder recorder, List<Guid> ids, ChildProcess worker)
    {
        var deadline = DateTime.UtcNow + DrainLimit;
        var lastDeliveries = -1L;
        var quietSince = DateTime.UtcNow;
        while (DateTime.UtcNow < deadline && ids.Any(id => recorder.ArrivalOf(id) is null))
        {
            EnsureRunning(worker);
            await Task.Delay(250);
            if (recorder.Deliveries != lastDeliveries)
            {
                lastDeliveries = recorder.Deliveries;
                quietSince = DateTime.UtcNow;
            }
            else if (DateTime.UtcNow - quietSince > TimeSpan.FromSeconds(5))
            {
                return;
            }
        }
    }

    private static void ReportLatency(BenchContext context, LiveCase live, List<SimChange> truth, List<Guid> ids, ArrivalRecorder recorder, AppearanceWatcher watcher)
    {
        var fromAt = new List<double>();
        var fromAppearance = new List<double>();
        for (var i = 0; i < truth.Count; i++)
        {
            if (recorder.ArrivalOf(ids[i]) is not { } arrived)
            {
                continue;
            }

            fromAt.Add((arrived - truth[i].At.UtcDateTime).TotalMilliseconds);
            if (watcher.AppearanceOf(truth[i].Seq) is { } appeared)
            {
                fromAppearance.Add((arrived - appeared).TotalMilliseconds);
            }
        }

        fromAt.Sort();
        fromAppearance.Sort();
        var figures = context.Figures;
        var rate = context.Settings.LiveRate;
        var key = live.Key;
        var setting = $"FilterOn={live.Filter} (simulator and worker), {rate:N0} changes/s, worker Interval={context.Settings.PollInterval.TotalSeconds:0.###} s, SafetyLag {live.SafetyLag ?? "default"}, Overlap {live.Overlap ?? "default"}";
        figures.Add($"live_{key}_p50_ms", Percentiles.Of(fromAt, 50), 0, $"(f) {setting}: median time from the change's ground-truth 'at' (whole seconds) to its event consumed from the broker");
        figures.Add($"live_{key}_p99_ms", Percentiles.Of(fromAt, 99), 0, $"(f) {setting}: p99 of the same (target <= interval + 500 ms)");
        figures.Add($"live_{key}_max_ms", fromAt.Count == 0 ? double.NaN : fromAt[^1], 0, $"(f) {setting}: maximum of the same");
        figures.Add($"live_{key}_appeared_p50_ms", Percentiles.Of(fromAppearance, 50), 0, $"(f) {key}: median from the moment the change appeared in the simulator (seen by polling its truth every 50 ms), which removes the up-to-1 s of 'at' being cut to the second");
        figures.Add($"live_{key}_appeared_p99_ms", Percentiles.Of(fromAppearance, 99), 0, $"(f) {key}: p99 of the same");
        figures.Add($"live_{key}_appeared_max_ms", fromAppearance.Count == 0 ? double.NaN : fromAppearance[^1], 0, $"(f) {key}: maximum of the same");
        figures.Add($"live_{key}_events_matched_pct", truth.Count == 0 ? double.NaN : 100.0 * fromAt.Count / truth.Count, 1, $"(f) {key}: share of the {truth.Count:N0} measured changes whose own event arrived (a change folded into an earlier observation, e.g. created and delivered within one poll, has none)");
    }

    private static void ReportRequests(BenchContext context, LiveCase live, List<(DateTime At, SimStats Stats)> samples)
    {
        var key = live.Key;
        var setting = $"FilterOn={live.Filter}, SafetyLag {live.SafetyLag ?? "default"}, Overlap {live.Overlap ?? "default"}";
        static double Per1k(SimStats from, SimStats to) =>
            to.Changes == from.Changes ? double.NaN : 1000.0 * (to.Requests - from.Requests) / (to.Changes - from.Changes);

        var (first, last) = (samples[0].Stats, samples[^1].Stats);
        var tail = samples[Math.Max(0, samples.Count - 11)].Stats;
        var seconds = (samples[^1].At - samples[0].At).TotalSeconds;
        context.Figures.Add($"api_{key}_requests_per_1k_changes", Per1k(first, last), 1, $"(g) {setting}: chat-records requests (GET /_sim/stats) per 1,000 changes over the {seconds:0} s measured");
        context.Figures.Add($"api_{key}_requests_per_1k_changes_last_10s", Per1k(tail, last), 1, $"(g) {setting}: the same over the last 10 s only (a rising figure means re-scans grow with the records created since start)");
        context.Figures.Add($"api_{key}_requests_per_s", (last.Requests - first.Requests) / seconds, 1, $"(g) {setting}: requests per second over the measured window");
    }

    private static void ReportPolls(BenchContext context, LiveCase live, IReadOnlyList<PollLog> polls)
    {
        var durations = polls.Select(p => p.Elapsed.TotalMilliseconds).Order().ToList();
        context.Figures.Add($"live_{live.Key}_polls", polls.Count, 0, $"(f) {live.Key}: polls the worker logged during the measured window");
        context.Figures.Add($"live_{live.Key}_poll_p50_ms", Percentiles.Of(durations, 50), 0, $"(f) {live.Key}: median duration of one poll (read the window, detect, publish, commit), from the worker's log");
        context.Figures.Add($"live_{live.Key}_poll_p99_ms", Percentiles.Of(durations, 99), 0, $"(f) {live.Key}: p99 duration of one poll");
        context.Figures.Add($"live_{live.Key}_records_per_poll", polls.Count == 0 ? double.NaN : polls.Average(p => p.Records), 0, $"(g) {live.Key}: records read per poll (each change is read once in its own poll, then again while it is within the overlap or a re-scan horizon)");
    }

    private static void EnsureRunning(ChildProcess worker)
    {
        if (!worker.IsRunning)
        {
            throw new InvalidOperationException($"the worker exited:\n{worker.Tail()}");
        }
    }
}
