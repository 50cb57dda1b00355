using System.Net;
using System.Net.Sockets;

namespace Streamer.Worker.Media;

/// <summary>Connects a TCP socket (dual mode where IPv6 is available) to the given addresses, in their order.</summary>
public sealed class TcpSocketConnector : ISocketConnector
{
    /// <inheritdoc />
    public async ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
