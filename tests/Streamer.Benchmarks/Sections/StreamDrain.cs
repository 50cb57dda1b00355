using System.Diagnostics;
using Streamer.Benchmarks.Infrastructure;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// The drain of (c) as a reusable step: a fresh worker process, configured by environment variables, publishes
/// the backlog into a virtual host of its own; timed from the process start until the queue holds every event.
/// </summary>
public static class StreamDrain
{
    /// <summary>Drains <paramref name="backlog"/> with the worker's settings plus <paramref name="extra"/> (its state backend).</summary>
    public static async Task<DrainResult> RunAsync(BenchContext context, Backlog backlog, string purpose, IReadOnlyDictionary<string, string> extra)
    {
        await using var lease = await context.Broker.LeaseAsync(purpose);
        var state = Directory.CreateTempSubdirectory("streamer-bench-drain-");
        try
        {
            var environment = StreamBenchmark.WorkerEnvironment(backlog, lease, state, context.Settings);
            foreach (var (key, value) in extra)
            {
                environment[key] = value;
            }

            var expected = backlog.Records;
            var cpu = new CpuBudget();
            var watch = Stopwatch.StartNew();
            await using var worker = ChildProcess.StartWorker(environment);
            cpu.AddWorker(worker.Id);
            var (elapsed, first) = await QueueFill.WaitAsync(lease, worker, expected, watch, purpose);
            var used = cpu.Read();

            // Anything extra (a duplicate) would arrive with the rest.
            await Task.Delay(1_000);
            var final = await lease.CountOrZeroAsync();
            return new DrainResult(expected, elapsed, first, used.WorkerSeconds, used.MachineBusy, final - expected);
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }
}
