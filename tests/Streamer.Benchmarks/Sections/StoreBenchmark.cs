using System.Globalization;
using Streamer.Benchmarks.Infrastructure;
using Streamer.Testing;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// (e) The state store, each backend in a child process of its own (see <see cref="StoreChild"/>): SQLite at 1 and
/// 10 million tracked records, then PostgreSQL, on a fresh database of its own, at the first size; then the
/// PostgreSQL/SQLite ratios at that size.
/// </summary>
public static class StoreBenchmark
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(7);

    /// <summary>Runs (e).</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var sizes = context.Settings.StoreSizes;
        await RunChildAsync(context, "sqlite", sizes, new Dictionary<string, string>());

        var database = new PostgresDatabase();
        await database.InitializeAsync();
        try
        {
            // The connection string reaches the child through its environment, never its arguments.
            await RunChildAsync(context, "postgres", [sizes[0]], new Dictionary<string, string> { [StoreChild.ConnectionVariable] = database.ConnectionString });
        }
        finally
        {
            await database.DisposeAsync();
        }

        var label = StoreChild.Label(sizes[0]);
        foreach (var (figure, what) in new[] { ("reads_per_s", "snapshots read per second"), ("commit_records_per_s", "snapshots written per second (commits with cursor and outbox rows)") })
        {
            if (context.Figures.Number($"store_pg_{label}_{figure}") is { } postgres && context.Figures.Number($"store_{label}_{figure}") is { } sqlite)
            {
                context.Figures.Add($"store_pg_vs_sqlite_{label}_{figure.Replace("_per_s", string.Empty, StringComparison.Ordinal)}_ratio", postgres / sqlite, 2, $"(e) PostgreSQL/SQLite with {label} records: {what}");
            }
        }
    }

    private static async Task RunChildAsync(BenchContext context, string backend, IReadOnlyList<long> sizes, Dictionary<string, string> environment)
    {
        var folder = Directory.CreateTempSubdirectory("streamer-bench-store-");
        try
        {
            var list = string.Join(',', sizes.Select(s => s.ToString(CultureInfo.InvariantCulture)));
            await using var child = ChildProcess.Start("Streamer.Benchmarks.dll", ["--child", "store", "--backend", backend, "--dir", folder.FullName, "--sizes", list], environment);
            var reported = 0;
            var deadline = DateTime.UtcNow + Timeout;
            while (child.IsRunning)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"(e) the {backend} store child did not finish in {Timeout}:\n{child.Tail()}");
                }

                await Task.Delay(200);
                reported = Collect(context, child, reported);
            }

            var exit = await child.WaitAsync(TimeSpan.FromSeconds(10));
            Collect(context, child, reported);
            if (exit != 0)
            {
                throw new InvalidOperationException($"(e) the {backend} store child exited with {exit}:\n{child.Tail()}");
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    // Figures as the child prints them, so a slow 10 million fill still shows the 1 million ones on the way.
    private static int Collect(BenchContext context, ChildProcess child, int reported)
    {
        var lines = child.Output.Where(l => l.StartsWith("figure\t", StringComparison.Ordinal)).ToList();
        foreach (var line in lines.Skip(reported))
        {
            var parts = line.Split('\t');
            context.Figures.Add(parts[1], double.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture), parts[4]);
        }

        return lines.Count;
    }
}
