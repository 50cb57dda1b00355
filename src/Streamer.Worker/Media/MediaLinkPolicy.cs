using System.Net;
using Streamer.Contracts;

namespace Streamer.Worker.Media;

/// <summary>
/// Which links, hosts and addresses media may be fetched from (<see cref="MediaArchiveOptions"/>): https (http only
/// with <c>AllowInsecureTransport</c> or <c>AllowPrivateNetworks</c>), a host in <c>AllowedHosts</c> when that is
/// set, and public addresses (private ones with <c>AllowPrivateNetworks</c>; any unicast address for a host listed
/// exactly in <c>AllowedHosts</c>). Applied to the link and to every redirect hop, and again when connecting.
/// </summary>
public sealed class MediaLinkPolicy(MediaArchiveOptions options)
{
    private readonly string[] exactHosts = [.. options.AllowedHosts.Where(h => !h.StartsWith("*.", StringComparison.Ordinal)).Select(NormalizeHost)];
    private readonly string[] suffixes = [.. options.AllowedHosts.Where(h => h.StartsWith("*.", StringComparison.Ordinal)).Select(h => NormalizeHost(h)[1..])];

    /// <summary>The host as compared: lower case, without IPv6 brackets or a trailing dot.</summary>
    public static string NormalizeHost(string host) => host.Trim().Trim('[', ']').TrimEnd('.').ToLowerInvariant();

    /// <summary>Refuses a link (or a redirect target) by its scheme, its host, or the address it names.</summary>
    public MediaRefusal? CheckLink(Uri uri)
    {
        var host = NormalizeHost(uri.IdnHost);
        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            if (!options.AllowInsecureTransport && !options.AllowPrivateNetworks)
            {
                return Denied(MediaRefusal.SchemeRule, $"plain http to {host} is not allowed (MediaArchive:AllowInsecureTransport)");
            }
        }
        else if (uri.Scheme != Uri.UriSchemeHttps)
        {
            return Denied(MediaRefusal.SchemeRule, $"the scheme {uri.Scheme} is not http(s)");
        }

        return CheckHost(host) ?? (IPAddress.TryParse(host, out var address) ? CheckAddresses(host, [address]) : null);
    }

    /// <summary>Refuses a host outside <c>AllowedHosts</c>, when that is set.</summary>
    public MediaRefusal? CheckHost(string host)
    {
        host = NormalizeHost(host);
        return exactHosts.Length + suffixes.Length == 0 || IsListedExactly(host) || suffixes.Any(s => host.EndsWith(s, StringComparison.Ordinal))
            ? null
            : Denied(MediaRefusal.HostRule, $"{host} is not in MediaArchive:AllowedHosts");
    }

    /// <summary>Refuses a host when any of its addresses is not allowed: one bad address is enough to refuse.</summary>
    public MediaRefusal? CheckAddresses(string host, IReadOnlyList<IPAddress> addresses)
    {
        host = NormalizeHost(host);
        var listed = IsListedExactly(host);
        foreach (var address in addresses)
        {
            var (scope, kind) = AddressRanges.Classify(address);
            var (allowed, hint) = scope switch
            {
                AddressScope.Public => (true, string.Empty),
                AddressScope.Private => (listed || options.AllowPrivateNetworks, "; only MediaArchive:AllowPrivateNetworks or an exact MediaArchive:AllowedHosts entry allows it"),
                AddressScope.Special => (listed, "; only an exact MediaArchive:AllowedHosts entry allows it"),
                AddressScope.Unusable => (false, "; never a media server"),
                _ => (false, string.Empty),
            };
            if (!allowed)
            {
                var shown = AddressRanges.Unwrap(address);
                var what = IPAddress.TryParse(host, out _) ? $"address {shown}" : $"{host} resolves to {shown}";
                return Denied(MediaRefusal.AddressRule, $"{what} ({kind}){hint}");
            }
        }

        return null;
    }

    private static MediaRefusal Denied(string rule, string reason) => new(rule, MediaArchiveFailure.Denied, reason);

    private bool IsListedExactly(string host) => exactHosts.Contains(host, StringComparer.Ordinal);
}
