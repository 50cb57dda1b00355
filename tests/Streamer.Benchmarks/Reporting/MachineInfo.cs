using System.Globalization;
using System.Runtime.InteropServices;

namespace Streamer.Benchmarks.Reporting;

/// <summary>What the figures were measured on: the report is meaningless without it.</summary>
public sealed record MachineInfo(int Cores, long MemoryBytes, string OperatingSystem, string DotNet, string RabbitMq, string LoadAverage)
{
    /// <summary>The load average when the run ended, once known.</summary>
    public string? LoadAverageEnd { get; init; }

    /// <summary>Reads this machine's description; <paramref name="rabbitMq"/> comes from the broker's management API.</summary>
    public static MachineInfo Read(string rabbitMq) => new(
        Environment.ProcessorCount,
        MemTotal(),
        OsName(),
        RuntimeInformation.FrameworkDescription,
        rabbitMq,
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a");

    private static long MemTotal()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    private static string OsName()
    {
        var pretty = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            : null;
        return $"{pretty ?? RuntimeInformation.OSDescription} (kernel {Environment.OSVersion.Version})";
    }
}
