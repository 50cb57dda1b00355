using System.Globalization;

namespace Streamer.Benchmarks.Infrastructure;

/// <summary>
/// CPU time from /proc: of the whole machine (busy share of all cores) and of one process. Tells whether a
/// figure was limited by the two cores rather than by waiting, which decides where a bottleneck is.
/// </summary>
public sealed class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly (long Busy, long Total) machineStart = Machine();
    private readonly double processStart;
    private readonly int? pid;

    /// <summary>Starts measuring the machine and, when given, one process.</summary>
    public CpuMeter(int? pid = null)
    {
        this.pid = pid;
        processStart = pid is { } id ? ProcessSeconds(id) : 0;
    }

    /// <summary>Share of all cores busy since the start, 0..1.</summary>
    public double MachineBusy()
    {
        var (busy, total) = Machine();
        return total == machineStart.Total ? 0 : (double)(busy - machineStart.Busy) / (total - machineStart.Total);
    }

    /// <summary>CPU seconds (user + system) the process used since the start.</summary>
    public double ProcessSeconds() => pid is { } id ? ProcessSeconds(id) - processStart : 0;

    /// <summary>CPU seconds (user + system) a process used since it started.</summary>
    public static double ProcessSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static (long Busy, long Total) Machine()
    {
        if (!File.Exists("/proc/stat"))
        {
            return (0, 0);
        }

        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var total = cpu.Take(8).Sum();
        var idle = cpu[3] + cpu[4];
        return (total - idle, total);
    }
}
