using System.Net;

namespace Streamer.Worker.Media;

/// <summary>Opens a TCP connection to addresses already checked (a socket in production; substituted in tests).</summary>
public interface ISocketConnector
{
    /// <summary>Connects to the first of <paramref name="addresses"/> that answers on <paramref name="port"/>.</summary>
    ValueTask<Stream> ConnectAsync(IPAddress[] addresses, int port, CancellationToken cancellationToken);
}
