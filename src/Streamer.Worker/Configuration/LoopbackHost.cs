using System.Net;

namespace Streamer.Worker.Configuration;

/// <summary>
/// Whether a configured host is this machine's loopback: <c>localhost</c>, 127.0.0.0/8 or ::1. Only these
/// may be reached over plain http or amqp without <c>AllowInsecureTransport</c>: nothing sent there leaves
/// the machine.
/// </summary>
public static class LoopbackHost
{
    /// <summary>True for <c>localhost</c>, an address in 127.0.0.0/8, <c>::1</c> (with or without brackets) or either mapped to IPv6.</summary>
    public static bool Is(string host)
    {
        var name = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (!IPAddress.TryParse(name, out var address))
        {
            return false;
        }

        return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }
}
