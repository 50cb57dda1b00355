using System.Net;
using System.Net.Sockets;

namespace Streamer.Testing;

/// <summary>Picks TCP ports for servers a test starts on the loopback interface.</summary>
public static class FreePort
{
    /// <summary>
    /// Returns a TCP port on 127.0.0.1 that was free a moment ago. The OS picks it, so two callers do
    /// not race for the same port; another process may still grab it before the caller binds it.
    /// </summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
