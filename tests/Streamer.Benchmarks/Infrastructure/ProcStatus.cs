using System.Globalization;

namespace Streamer.Benchmarks.Infrastructure;

/// <summary>Memory of a process from /proc/&lt;pid&gt;/status: VmRSS now and VmHWM, the peak the kernel recorded.</summary>
public static class ProcStatus
{
    /// <summary>Peak resident set size in bytes, or 0 when unknown (the process is gone, or not Linux).</summary>
    public static long PeakRss(int pid) => Read(pid, "VmHWM:");

    /// <summary>Current resident set size in bytes, or 0 when unknown.</summary>
    public static long Rss(int pid) => Read(pid, "VmRSS:");

    private static long Read(int pid, string key)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }
}
