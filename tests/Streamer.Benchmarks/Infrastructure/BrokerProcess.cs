using System.Globalization;

namespace Streamer.Benchmarks.Infrastructure;

/// <summary>The local broker's process (Erlang's beam.smp), whose CPU time is part of every publish's cost.</summary>
public static class BrokerProcess
{
    /// <summary>
    /// The pid of the local beam.smp that listens on the benchmark broker's AMQP port (STREAMER_RABBITMQ, 5672 by
    /// default): another broker on the machine (a test's second broker) must not be measured instead. Null when
    /// the broker runs elsewhere (a container, another host).
    /// </summary>
    public static int? Find()
    {
        var beams = Directory.EnumerateDirectories("/proc")
            .Select(dir => (Dir: dir, Pid: int.TryParse(Path.GetFileName(dir), out var pid) ? pid : 0))
            .Where(p => p.Pid > 0 && ReadComm(p.Dir) == "beam.smp")
            .ToList();
        var sockets = ListeningSockets(AmqpPort());
        foreach (var (dir, pid) in beams)
        {
            if (sockets.Count > 0 && OwnsAny(dir, sockets))
            {
                return pid;
            }
        }

        // The sockets of another user's process cannot always be read: one beam.smp alone is the broker.
        return beams.Count == 1 ? beams[0].Pid : null;
    }

    private static int AmqpPort() =>
        Uri.TryCreate(Environment.GetEnvironmentVariable("STREAMER_RABBITMQ"), UriKind.Absolute, out var uri) && uri.Port > 0
            ? uri.Port
            : uri?.Scheme == "amqps" ? 5671 : 5672;

    // Inodes of the sockets listening on the port (state 0A), from /proc/net/tcp and tcp6.
    private static HashSet<string> ListeningSockets(int port)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == "0A" &&
                    int.Parse(fields[1][(fields[1].LastIndexOf(':') + 1)..], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
                {
                    inodes.Add($"socket:[{fields[9]}]");
                }
            }
        }

        return inodes;
    }

    private static bool OwnsAny(string dir, HashSet<string> sockets)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd"))
                .Any(fd => new FileInfo(fd).LinkTarget is { } target && sockets.Contains(target));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
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
