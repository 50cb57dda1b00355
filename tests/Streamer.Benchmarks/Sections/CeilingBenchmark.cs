using System.Diagnostics;
using System.Globalization;
using Streamer.Benchmarks.Infrastructure;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// The most any stream could reach against (b) on this machine: bare MassTransit as (b) runs it, publishing the event
/// the worker's detector makes of each record it reads from the backlog simulator through the worker's client, so the
/// cores also carry what a stream cannot avoid: the API serving the records and the client fetching and parsing them.
/// It stores nothing and has no outbox; the stream does all of that besides, so its ratio to (b) should not exceed
/// this one's in the same run (`ceiling_vs_masstransit_ratio`), noise aside. Measured twice: warm in this process
/// after (b)'s warm-up, as (b) is measured, and cold in a fresh process timed from its start, as (c) is measured.
/// </summary>
public static class CeilingBenchmark
{
    private const string DefaultChildDll = "Streamer.Benchmarks.dll";

    // BENCH_CEILING_DLL runs the cold child from another build of this program, such as a composite ReadyToRun publish.
    private static readonly string ChildDll =
        Environment.GetEnvironmentVariable("BENCH_CEILING_DLL") is { Length: > 0 } dll ? Path.GetFullPath(dll) : DefaultChildDll;

    /// <summary>Runs the ceiling section.</summary>
    public static async Task RunAsync(BenchContext context)
    {
        await RunWarmAsync(context);
        await RunColdAsync(context);
    }

    private static async Task RunWarmAsync(BenchContext context)
    {
        var backlog = await context.BacklogAsync();
        var settings = context.Settings;
        await using var lease = await context.Broker.LeaseAsync("ceiling");
        var bus = await MassTransitPublishBenchmark.StartBusAsync(lease.Uri, compact: true);
        try
        {
            // The warm-up (b) has, so both are compared warm.
            await MassTransitPublishBenchmark.PublishAsync(bus, backlog.Sample.Events, Math.Min(5_000, settings.PublishMessages), settings.InFlight, stamped: true);
            var before = await lease.CountAsync();
            var cpu = new CpuBudget();
            var watch = Stopwatch.StartNew();
            var published = await CeilingPublisher.ReadAndPublishAsync(bus, backlog.Simulator.Account, settings.InFlight);
            watch.Stop();
            var used = cpu.Read();
            var queued = await lease.CountAsync() - before;
            if (queued != published || published != backlog.Records)
            {
                throw new InvalidOperationException($"(ceiling) {backlog.Records} records, {published} publishes confirmed, {queued} messages queued.");
            }

            var rate = published / watch.Elapsed.TotalSeconds;
            BenchContext.Log($"ceiling: {rate:0} msgs/s, reading every record from the simulator");
            var figures = context.Figures;
            figures.Add("ceiling_publish_msgs_per_s", rate, 0,
                "(ceiling) (b)'s MassTransit publishing the detector's event of each record it reads from the backlog simulator (every record, pages of 100): the API and the client's fetching and parsing on the same cores, no state or outbox; warm, after (b)'s warm-up");
            figures.Add("ceiling_process_cpu_us_per_msg", CpuReading.PerItem(used.SelfSeconds, published), 1,
                "(ceiling) CPU time per message of the benchmark process: the simulator serving the page, the client reading it, the detector, MassTransit publishing");
            figures.Add("ceiling_broker_cpu_us_per_msg", CpuReading.PerItem(used.BrokerSeconds, published), 1, "(ceiling) CPU time of the broker per message");
            figures.Add("ceiling_machine_cpu_busy_pct", used.MachineBusy * 100, 0, "(ceiling) share of both cores busy meanwhile (anything on the machine)");
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    // The same work in a fresh process of this program (its build, or BENCH_CEILING_DLL's), from its start until the
    // queue holds every record's event: what start-up, JIT and heap growth cost a process that does nothing else.
    private static async Task RunColdAsync(BenchContext context)
    {
        var backlog = await context.BacklogAsync();
        await using var lease = await context.Broker.LeaseAsync("ceiling-cold");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ColdCeilingChild.BrokerVariable] = lease.Uri.ToString(),
            [ColdCeilingChild.ApiVariable] = backlog.Simulator.BaseUrl.ToString(),
            [ColdCeilingChild.InFlightVariable] = context.Settings.InFlight.ToString(CultureInfo.InvariantCulture),

            // The worker's garbage collector (ConcurrentGarbageCollection false in its project).
            ["DOTNET_gcConcurrent"] = "0",
        };
        var expected = backlog.Records;
        var cpu = new CpuBudget();
        var watch = Stopwatch.StartNew();
        await using var child = ChildProcess.Start(ChildDll, ["--child", "ceiling"], environment);

        // The child exits by itself after its last confirm, maybe before the queue is counted full: its CPU time is
        // sampled while it runs and the last reading kept (/proc forgets an exited process).
        var childCpu = 0.0;
        var (elapsed, first) = await QueueFill.WaitAsync(lease, child, expected, watch, "ceiling, cold", (_, _) => childCpu = Math.Max(childCpu, CpuMeter.ProcessSeconds(child.Id)));
        childCpu = Math.Max(childCpu, CpuMeter.ProcessSeconds(child.Id));
        var used = cpu.Read();
        var exit = await child.WaitAsync(TimeSpan.FromSeconds(60));
        var final = await lease.CountOrZeroAsync();
        if (exit != 0 || !child.Output.Contains($"published {expected}") || final != expected)
        {
            throw new InvalidOperationException($"(ceiling, cold) {expected} records, {final} messages queued, the child exited with {exit}:\n{child.Tail()}");
        }

        var rate = expected / elapsed.TotalSeconds;
        BenchContext.Log($"ceiling (cold): {rate:0} msgs/s from the process start");
        var figures = context.Figures;
        var build = ChildDll == DefaultChildDll ? "the benchmarks' build, compiled just in time" : $"from {ChildDll}";
        figures.Add("ceiling_cold_msgs_per_s", rate, 0,
            $"(ceiling) the same work in a fresh process of the benchmark program ({build}), timed from its start until the queue held every record's event, as (c) is timed");
        figures.Add("ceiling_cold_startup_s", first.TotalSeconds, 2, "(ceiling) from that process's start to its first message in the queue");
        figures.Add("ceiling_cold_process_cpu_us_per_msg", CpuReading.PerItem(childCpu, expected), 1,
            "(ceiling) CPU time per message of that process (client, detector and MassTransit; the simulator is in the benchmark process), start-up included");
        figures.Add("ceiling_cold_simulator_cpu_us_per_msg", CpuReading.PerItem(used.SelfSeconds, expected), 1, "(ceiling) CPU time per message of the benchmark process meanwhile: the simulator serving the pages");
    }
}
