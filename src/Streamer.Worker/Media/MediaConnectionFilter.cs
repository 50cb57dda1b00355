using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Streamer.Worker.Media;

/// <summary>
/// The media client's connect step (<see cref="SocketsHttpHandler.ConnectCallback"/>): resolves the host once,
/// refuses it when any of its addresses is not allowed (<see cref="MediaLinkPolicy"/>), and connects to exactly
/// the addresses it checked, so a DNS answer that changes between the check and the connection cannot slip past.
/// Every connection of every redirect hop passes here.
/// </summary>
public sealed class MediaConnectionFilter(IOptions<MediaArchiveOptions> options, IHostResolver resolver, ISocketConnector connector)
{
    private readonly MediaLinkPolicy policy = new(options.Value);

    /// <summary>
    /// The media client's handler: this filter connects; redirects are left to the downloader, which checks each
    /// hop; no proxy, because a proxy would connect in its place and the filter would judge the proxy's address.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectCallback = (context, cancellationToken) => ConnectAsync(context.DnsEndPoint, cancellationToken),
    };

    /// <summary>Connects to <paramref name="endpoint"/>; throws <see cref="MediaRefusedException"/> when its host or an address is not allowed.</summary>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken cancellationToken)
    {
        var host = MediaLinkPolicy.NormalizeHost(endpoint.Host);
        if (policy.CheckHost(host) is { } refused)
        {
            throw new MediaRefusedException(refused);
        }

        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (policy.CheckAddresses(host, addresses) is { } refusal)
        {
            throw new MediaRefusedException(refusal);
        }

        return await connector.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
    }
}
