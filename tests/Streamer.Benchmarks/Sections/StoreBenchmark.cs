using System.Globalization;
using Streamer.Benchmarks.Infrastructure;

namespace Streamer.Benchmarks.Sections;

/// <summary>(e) The state store at 1 and 10 million tracked records, run as a child process (see <see cref="StoreChild"/>).</summary>
public static class StoreBenchmark
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(7);

    /// <summary>Runs (e).</summary>
    public static async Task RunAsync(BenchContext context)
    {
        var folder = Directory.CreateTempSubdirectory("streamer-bench-store-");
        try
        {
            var sizes = string.Join(',', context.Settings.StoreSizes.Select(s => s.ToString(CultureInfo.InvariantCulture)));
            await using var child = ChildProcess.Start("Streamer.Benchmarks.dll", ["--child", "store", "--dir", folder.FullName, "--sizes", sizes], new Dictionary<string, string>());
            var reported = 0;
            var deadline = DateTime.UtcNow + Timeout;
            while (child.IsRunning)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"(e) the store child did not finish in {Timeout}:\n{child.Tail()}");
                }

                await Task.Delay(200);
                reported = Collect(context, child, reported);
            }

            var exit = await child.WaitAsync(TimeSpan.FromSeconds(10));
            Collect(context, child, reported);
            if (exit != 0)
            {
                throw new InvalidOperationException($"(e) the store child exited with {exit}:\n{child.Tail()}");
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
