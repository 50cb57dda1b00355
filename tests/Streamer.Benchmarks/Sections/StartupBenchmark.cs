using System.Diagnostics;
using System.Globalization;
using Streamer.Benchmarks.Infrastructure;
using Streamer.Testing;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// Start-up of the worker as users run it (the build eng/bench.sh runs, see <see cref="ChildProcess.WorkerDll"/>):
/// cold starts, each with a fresh state file and virtual host and the health endpoint on (the default), against
/// the backlog simulator. For each, the time
/// from the process start to the simulator's first chat-records request and to the first event in the queue, and
/// the worker's CPU time up to each (CPU time moves less than wall time when other builds share the cores).
/// Medians and maxima over the starts.
/// </summary>
public static class StartupBenchmark
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(1);

    /// <summary>Runs the start-up section.</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var backlog = await context.BacklogAsync();
        var starts = new List<Start>();
        for (var i = 0; i < context.Settings.StartupRuns; i++)
        {
            var start = await StartOnceAsync(context, backlog);
            BenchContext.Log($"startup {i + 1}: first request {start.FirstRequest.TotalMilliseconds:0} ms ({start.RequestCpu * 1000:0} ms CPU), first event {start.FirstEvent.TotalMilliseconds:0} ms ({start.EventCpu * 1000:0} ms CPU)");
            starts.Add(start);
        }

        var figures = context.Figures;
        var n = starts.Count;
        Add(figures, "startup_first_request_ms", starts.Select(s => s.FirstRequest.TotalMilliseconds), $"from the process start to the simulator's first chat-records request (target < 500), over {n} cold starts");
        Add(figures, "startup_first_event_ms", starts.Select(s => s.FirstEvent.TotalMilliseconds), $"from the process start to the first event in the queue, over {n} cold starts");
        Add(figures, "startup_cpu_ms_to_first_request", starts.Select(s => s.RequestCpu * 1000), "CPU time of the worker process up to its first request (user + system, 10 ms ticks)");
        Add(figures, "startup_cpu_ms_to_first_event", starts.Select(s => s.EventCpu * 1000), "CPU time of the worker process up to its first event in the queue");
    }

    private static void Add(Reporting.Figures figures, string name, IEnumerable<double> values, string meaning)
    {
        var sorted = values.Order().ToList();
        figures.Add(name, Percentiles.Of(sorted, 50), 0, $"(startup) median {meaning}");
        figures.Add($"{name}_max", sorted[^1], 0, "(startup) the slowest of the same starts");
    }

    private static async Task<Start> StartOnceAsync(BenchContext context, Backlog backlog)
    {
        await using var lease = await context.Broker.LeaseAsync("startup");
        var state = Directory.CreateTempSubdirectory("streamer-bench-startup-");
        try
        {
            var environment = StreamBenchmark.WorkerEnvironment(backlog, lease, state, context.Settings);

            // As users run it: the health endpoint and metrics are on by default (Health:Port 8080).
            environment["Health__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
            var api = backlog.Simulator.ApiBusy;

            // A cold start on an otherwise idle machine: what this process left running (the backlog's generation
            // ends with a large heap that the background GC still works on) would share the cores with the start.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            await Task.Delay(SettleTime);
            api.WatchFirstRequest();
            var startedAt = Stopwatch.GetTimestamp();
            await using var worker = ChildProcess.StartWorker(environment);
            double? requestCpu = null;
            while (true)
            {
                var elapsed = Stopwatch.GetElapsedTime(startedAt);
                if (!worker.IsRunning || elapsed > Timeout)
                {
                    throw new InvalidOperationException($"(startup) the worker {(worker.IsRunning ? "timed out" : "exited")} before its first event:\n{worker.Tail()}");
                }

                if (requestCpu is null)
                {
                    if (api.FirstRequest is null)
                    {
                        // No event before the first request: the broker is not asked (a passive declare of the queue not
                        // yet declared costs the broker a channel each time) while the worker starts on the same cores.
                        await Task.Delay(5);
                        continue;
                    }

                    requestCpu = CpuMeter.ProcessSeconds(worker.Id);
                }

                if (await lease.CountOrZeroAsync() > 0)
                {
                    var eventCpu = CpuMeter.ProcessSeconds(worker.Id);
                    var firstEvent = Stopwatch.GetElapsedTime(startedAt);
                    var firstRequest = Stopwatch.GetElapsedTime(startedAt, api.FirstRequest!.Value);
                    return new Start(firstRequest, requestCpu ?? eventCpu, firstEvent, eventCpu);
                }

                await Task.Delay(10);
            }
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    private sealed record Start(TimeSpan FirstRequest, double RequestCpu, TimeSpan FirstEvent, double EventCpu);
}
