namespace Streamer.Benchmarks.Infrastructure;

/// <summary>The local broker's process (Erlang's beam.smp), whose CPU time is part of every publish's cost.</summary>
public static class BrokerProcess
{
    /// <summary>The pid of a local beam.smp, or null when the broker runs elsewhere (a container, another host).</summary>
    public static int? Find()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && ReadComm(dir) == "beam.smp")
            {
                return pid;
            }
        }

        return null;
    }

    private static string? ReadComm(string dir)
    {
        try
        {
            return File.ReadAllText(Path.Combine(dir, "comm")).Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
