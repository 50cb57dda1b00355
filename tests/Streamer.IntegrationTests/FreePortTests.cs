using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Streamer.Testing;

namespace Streamer.IntegrationTests;

public sealed class FreePortTests
{
    private const string EphemeralRange = "/proc/sys/net/ipv4/ip_local_port_range";

    [Fact]
    public void Next_Called_ReturnsUnprivilegedPortInTheSystemsEphemeralRange()
    {
        var port = FreePort.Next();

        Assert.InRange(port, 1024, IPEndPoint.MaxPort);
        if (File.Exists(EphemeralRange))
        {
            // The OS picks the port, so it comes from the range the kernel hands out for port 0.
            var bounds = File.ReadAllText(EphemeralRange).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            Assert.InRange(port, int.Parse(bounds[0], CultureInfo.InvariantCulture), int.Parse(bounds[1], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Next_PortsKeptBound_EachIsFreeAndDistinct()
    {
        var listeners = new List<TcpListener>();
        try
        {
            // Each port is bound before the next call, so a port in use could only come back if Next
            // returned one that is not free: binding it would throw.
            for (var i = 0; i < 20; i++)
            {
                var listener = new TcpListener(IPAddress.Loopback, FreePort.Next());
                listener.Start();
                listeners.Add(listener);
            }

            var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
            Assert.Equal(ports.Count, ports.Distinct().Count());
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
        }
    }

    [Fact]
    public void Next_PortBoundOnce_SecondBindFails()
    {
        var port = FreePort.Next();
        using var first = new TcpListener(IPAddress.Loopback, port);
        first.Start();
        using var second = new TcpListener(IPAddress.Loopback, port);

        var error = Assert.Throws<SocketException>(second.Start);

        Assert.Equal(SocketError.AddressAlreadyInUse, error.SocketErrorCode);
    }
}
