namespace Streamer.Worker.Media;

/// <summary>Where an IP address leads, as far as fetching media from it is concerned.</summary>
public enum AddressScope
{
    /// <summary>Globally routable: any media host may be there.</summary>
    Public,

    /// <summary>Loopback, private (RFC 1918), carrier-grade NAT or unique-local: allowed by <c>AllowPrivateNetworks</c> or an exact <c>AllowedHosts</c> entry.</summary>
    Private,

    /// <summary>Link-local (cloud metadata lives there), documentation, benchmarking, tunnels or reserved: allowed only by an exact <c>AllowedHosts</c> entry.</summary>
    Special,

    /// <summary>Unspecified, multicast or broadcast: never a server to download from.</summary>
    Unusable,
}
