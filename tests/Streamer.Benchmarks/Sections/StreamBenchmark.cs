using System.Diagnostics;
using Streamer.Benchmarks.Infrastructure;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// (c) The whole stream: the real worker process (streamer.dll run, configured by environment
/// variables) drains the simulator's backlog over loopback: client, detector, SQLite state, MassTransit,
/// broker confirms. Timed from the process start until the queue holds every expected event.
/// </summary>
public static class StreamBenchmark
{
    /// <summary>Polling:MaxRequestsPerSecond for the benchmarks: the option's maximum, so the API limit never binds.</summary>
    public const string UnlimitedRequests = "10000";

    /// <summary>Runs (c).</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var backlog = await context.BacklogAsync();
        await using var lease = await context.Broker.LeaseAsync("stream");
        var state = Directory.CreateTempSubdirectory("streamer-bench-stream-");
        try
        {
            var environment = WorkerEnvironment(backlog, lease, state, context.Settings);

            // The snapshot of a fresh worker publishes one creation per record, however many changes made it.
            var expected = backlog.Records;
            var cpu = new CpuBudget();
            var apiBusy = backlog.Simulator.ApiBusy.Busy;
            var requestsBefore = (await backlog.Simulator.StatsAsync()).Requests;
            backlog.Simulator.ApiBusy.WatchFirstRequest();
            var startedAt = Stopwatch.GetTimestamp();
            var watch = Stopwatch.StartNew();
            await using var worker = ChildProcess.StartWorker(environment);
            cpu.AddWorker(worker.Id);
            double? firstCpu = null;
            TimeSpan? half = null;
            double? halfCpu = null;
            long halfCount = 0;
            var (elapsed, first) = await QueueFill.WaitAsync(lease, worker, expected, watch, "c", (count, now) =>
            {
                if (count > 0 && firstCpu is null)
                {
                    firstCpu = CpuMeter.ProcessSeconds(worker.Id);
                }

                if (count >= expected / 2 && half is null)
                {
                    half = now;
                    halfCpu = CpuMeter.ProcessSeconds(worker.Id);
                    halfCount = count;
                }

                worker.SamplePeak();
            });
            var endCpu = CpuMeter.ProcessSeconds(worker.Id);
            var used = cpu.Read();
            var fetching = backlog.Simulator.ApiBusy.Busy - apiBusy;
            var peak = worker.SamplePeak();
            var requests = (await backlog.Simulator.StatsAsync()).Requests - requestsBefore;

            // Anything extra (a duplicate) would arrive with the rest.
            await Task.Delay(1_000);
            var final = await lease.CountOrZeroAsync();
            var firstRequest = backlog.Simulator.ApiBusy.FirstRequest is { } at ? Stopwatch.GetElapsedTime(startedAt, at) : (TimeSpan?)null;
            var bytes = await QueueTopology.MeanBodySizeAsync(lease);

            var figures = context.Figures;
            figures.Add("stream_events", expected, 0, $"(c) events the backlog of {backlog.Changes:N0} changes on {backlog.Records:N0} records yields: one ChatMessageCreated per record (a fresh worker snapshots each record as it stands)");
            figures.Add("stream_events_per_s", expected / elapsed.TotalSeconds, 0, "(c) events confirmed and queued per second, from the worker process's start until the queue held them all (start-up included)");
            figures.Add("stream_drain_events_per_s", expected / (elapsed - first).TotalSeconds, 0, "(c) the same, from the first event queued: the drain rate without process and bus start-up");
            figures.Add("stream_second_half_events_per_s", (expected - (expected / 2)) / (elapsed - half!.Value).TotalSeconds, 0, "(c) the same over the second half of the events only: JIT warm-up and start-up done");
            figures.Add("stream_startup_s", first.TotalSeconds, 2, "(c) from the process start to the first event in the queue");
            figures.Add("stream_first_request_s", firstRequest?.TotalSeconds ?? double.NaN, 2, "(c) from the process start to the simulator's first chat-records request");
            figures.Add("stream_startup_worker_cpu_s", firstCpu ?? double.NaN, 2, "(c) CPU time the worker process used up to its first event in the queue (user + system; less noisy than wall time on a shared machine)");
            figures.Add("stream_fetch_share_pct", 100 * fetching / (elapsed - first), 0, "(c) share of the drain during which a chat-records request was in flight (the rest: detecting, publishing, waiting for confirms, committing, with no request out)");
            figures.Add("stream_api_requests_per_1000_events", 1000.0 * requests / expected, 1, "(c) chat-records requests the worker made per 1,000 events while draining (the floor: 10, one page of 100 records per 100 events)");
            figures.Add("stream_worker_peak_rss_mb", peak / 1048576.0, 0, "(c) the worker process's peak RSS (VmHWM)");
            figures.Add("stream_worker_cpu_us_per_event", CpuReading.PerItem(used.WorkerSeconds, expected), 1, "(c) CPU time of the worker process per event (user + system), start-up included");
            figures.Add("stream_worker_second_half_cpu_us_per_event", CpuReading.PerItem(endCpu - halfCpu!.Value, expected - halfCount), 1, "(c) the same over the second half of the events only: the warm worker's cost");
            figures.Add("stream_simulator_cpu_us_per_event", CpuReading.PerItem(used.SelfSeconds, expected), 1, "(c) CPU time of the benchmark process per event: the simulator serving the pages (the remote API in production)");
            figures.Add("stream_broker_cpu_us_per_event", CpuReading.PerItem(used.BrokerSeconds, expected), 1, "(c) CPU time of the broker per event");
            figures.Add("stream_machine_cpu_busy_pct", used.MachineBusy * 100, 0, "(c) share of both cores busy during the drain (worker + simulator + broker + anything else)");
            figures.Add("stream_duplicates", final - expected, 0, "(c) events queued beyond the expected ones, one second after the last expected arrived");
            figures.Add("stream_message_bytes", bytes, 0, "(c) mean body size of the first 1,000 events the worker queued (basic.get after the drain)");
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    /// <summary>The settings of a worker draining the backlog into the lease's queue, its state in <paramref name="state"/>.</summary>
    internal static Dictionary<string, string> WorkerEnvironment(Backlog backlog, VirtualHostLease lease, DirectoryInfo state, BenchSettings settings) =>
        new(backlog.Simulator.AccountSettings)
        {
            ["Rabbit__Uri"] = lease.Uri.ToString(),
            ["Rabbit__DeclareQueues__0"] = QueueTopology.Queue,
            ["State__Path"] = Path.Combine(state.FullName, "state.db"),
            ["Polling__Interval"] = settings.PollInterval.ToString(),

            // The worker's default of 10 requests/s protects the real API and caps any drain at 1,000
            // records/s; here the simulator is the API, and the stream's own cost is what is measured.
            ["Polling__MaxRequestsPerSecond"] = UnlimitedRequests,
        };
}
