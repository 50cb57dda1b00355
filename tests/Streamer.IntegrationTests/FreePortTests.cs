using System.Net;
using System.Net.Sockets;
using Streamer.Testing;

namespace Streamer.IntegrationTests;

public sealed class FreePortTests
{
    [Fact]
    public void Next_Called_ReturnsPortThatCanBeBound()
    {
        var port = FreePort.Next();

        using var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        Assert.Equal(port, ((IPEndPoint)listener.LocalEndpoint).Port);
    }
}
