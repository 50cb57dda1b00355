using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

/// <summary>
/// Keeps the addresses each connection was asked for and connects to <see cref="Loopback"/> instead (or hands
/// back an empty stream when unset): no connection ever leaves this machine.
/// </summary>
public sealed class RecordingConnector : ISocketConnector
{
    public ConcurrentQueue<IPAddress[]> Connections { get; } = new();

    /// <summary>Where every connection really goes, when set.</summary>
    public IPEndPoint? Loopback { get; set; }

    public async ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        Connections.Enqueue(addresses);
        if (Loopback is not { } target)
        {
            return Stream.Null;
        }

        Assert.True(IPAddress.IsLoopback(target.Address), "tests connect only to loopback");
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(target, cancellationToken);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
