using System.Net;
using System.Net.Sockets;

namespace Streamer.Tests.Health;

/// <summary>A TCP port free on loopback a moment ago, for a server that takes its port from settings.</summary>
internal static class LoopbackPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
