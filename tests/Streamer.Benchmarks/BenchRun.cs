using System.Diagnostics;
using Streamer.Benchmarks.Infrastructure;
using Streamer.Benchmarks.Reporting;
using Streamer.Benchmarks.Sections;

namespace Streamer.Benchmarks;

/// <summary>One run: the selected sections in order, then the ratios, the figures on stdout and the report.</summary>
public static class BenchRun
{
    /// <summary>Runs the benchmark; non-zero when a section failed.</summary>
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var watch = Stopwatch.StartNew();
        var settings = arguments.Quick ? Quick : new BenchSettings();
        if (arguments.BacklogChanges is { } changes)
        {
            settings = settings with { BacklogChanges = changes };
        }

        var figures = new Figures();
        await using var broker = new BenchBroker();
        await broker.InitializeAsync();
        var machine = MachineInfo.Read(await broker.VersionAsync());
        var started = DateTimeOffset.UtcNow;
        var failed = new List<string>();
        await using (var context = new BenchContext(figures, broker, settings))
        {
            foreach (var (name, run) in Sections)
            {
                if (!arguments.Only.Contains(name))
                {
                    continue;
                }

                BenchContext.Log($"--- {name} ---");
                try
                {
                    await run(context);
                }
                catch (Exception ex)
                {
                    failed.Add(name);
                    figures.Note(name, $"FAILED: {ex.GetType().Name}: {ex.Message}");
                    BenchContext.Log($"{name} failed: {ex}");
                }
            }
        }

        AddRatios(figures);
        AddCeilingRatio(figures);
        figures.Add("bench_seconds", watch.Elapsed.TotalSeconds, 0, "wall time of this benchmark run (build excluded)");
        Console.Out.WriteLine();
        foreach (var figure in figures.Items)
        {
            Console.Out.WriteLine($"{figure.Name}: {figure.Value}");
        }

        if (arguments.Report is { } report)
        {
            BenchReport.Write(report, figures, machine with { LoadAverageEnd = MachineInfo.Read(machine.RabbitMq).LoadAverage }, started, settings, arguments);
            BenchContext.Log($"wrote {report}");
        }

        return failed.Count == 0 ? 0 : 1;
    }

    private static readonly (string Name, Func<BenchContext, Task> Run)[] Sections =
    [
        ("raw", RawPublishBenchmark.RunAsync),
        ("masstransit", MassTransitPublishBenchmark.RunAsync),
        ("ceiling", CeilingBenchmark.RunAsync),
        ("stream", StreamBenchmark.RunAsync),
        ("pgstream", PgStreamBenchmark.RunAsync),
        ("startup", StartupBenchmark.RunAsync),
        ("detector", DetectorBenchmark.RunAsync),
        ("store", StoreBenchmark.RunAsync),
        ("live", LiveBenchmark.RunAsync),
        ("pass", PassBenchmark.RunAsync),
        ("cost", CostBenchmark.RunAsync),
        ("accounts", AccountsBenchmark.RunAsync),
        ("failover", FailoverBenchmark.RunAsync),
    ];

    private static BenchSettings Quick => new()
    {
        Quick = true,
        BacklogChanges = 20_000,
        PublishMessages = 10_000,
        SampleRecords = 5_000,
        StoreSizes = [100_000, 300_000],
        LiveWarmUp = TimeSpan.FromSeconds(3),
        LiveMeasure = TimeSpan.FromSeconds(8),
        StartupRuns = 2,
    };

    private static void AddRatios(Figures figures)
    {
        var stream = figures.Number("stream_events_per_s");
        if (stream is null)
        {
            return;
        }

        if (figures.Number("raw_publish_msgs_per_s") is { } raw)
        {
            figures.Add("stream_vs_raw_ratio", stream.Value / raw, 2, "(c)/(a): the stream against the raw client's ceiling (target >= 0.6)");
        }

        if (figures.Number("masstransit_publish_msgs_per_s") is { } masstransit)
        {
            figures.Add("stream_vs_masstransit_ratio", stream.Value / masstransit, 2, "(c)/(b): the stream against bare MassTransit (target >= 0.9)");
            if (figures.Number("stream_second_half_events_per_s") is { } warm)
            {
                figures.Add("stream_second_half_vs_masstransit_ratio", warm / masstransit, 2, "(c, second half)/(b): the same once the worker is warm, for tracking fixes (not the issue's definition)");
            }
        }

        if (figures.Number("masstransit_unstamped_publish_msgs_per_s") is { } unstamped)
        {
            figures.Add("stream_vs_masstransit_unstamped_ratio", stream.Value / unstamped, 2, "(c)/(b without the routing headers): the comparison before (b) carried them");
        }
    }

    private static void AddCeilingRatio(Figures figures)
    {
        if (figures.Number("ceiling_publish_msgs_per_s") is { } ceiling && figures.Number("masstransit_publish_msgs_per_s") is { } masstransit)
        {
            figures.Add("ceiling_vs_masstransit_ratio", ceiling / masstransit, 2, "(ceiling)/(b): about the highest (c)/(b) a stream could reach on this machine, as it must at least read every record from the API on the same cores");
        }

        if (figures.Number("ceiling_cold_msgs_per_s") is { } cold && figures.Number("masstransit_publish_msgs_per_s") is { } warm)
        {
            figures.Add("ceiling_cold_vs_masstransit_ratio", cold / warm, 2, "(ceiling, cold)/(b): the same from a fresh process's start, as stream_vs_masstransit_ratio is taken");
        }
    }
}
