using System.Net;
using System.Net.Sockets;

namespace Streamer.Worker.Media;

/// <summary>
/// The IANA special-purpose address ranges (IPv4 and IPv6) and their <see cref="AddressScope"/>. IPv4-mapped
/// IPv6 and the NAT64 well-known prefix are judged by the IPv4 address they carry; IPv6 outside global unicast
/// (2000::/3) is never public.
/// </summary>
public static class AddressRanges
{
    private static readonly IPNetwork GlobalUnicast = IPNetwork.Parse("2000::/3");
    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    // The first matching range decides, so narrower ranges come before wider ones.
    private static readonly (IPNetwork Range, AddressScope Scope, string Kind)[] Ranges =
    [
        (IPNetwork.Parse("0.0.0.0/8"), AddressScope.Unusable, "unspecified"),
        (IPNetwork.Parse("10.0.0.0/8"), AddressScope.Private, "private"),
        (IPNetwork.Parse("100.64.0.0/10"), AddressScope.Private, "carrier-grade NAT"),
        (IPNetwork.Parse("127.0.0.0/8"), AddressScope.Private, "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), AddressScope.Special, "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), AddressScope.Private, "private"),
        (IPNetwork.Parse("192.0.0.0/24"), AddressScope.Special, "IETF protocol assignment"),
        (IPNetwork.Parse("192.0.2.0/24"), AddressScope.Special, "documentation"),
        (IPNetwork.Parse("192.88.99.0/24"), AddressScope.Special, "6to4 relay"),
        (IPNetwork.Parse("192.168.0.0/16"), AddressScope.Private, "private"),
        (IPNetwork.Parse("198.18.0.0/15"), AddressScope.Special, "benchmarking"),
        (IPNetwork.Parse("198.51.100.0/24"), AddressScope.Special, "documentation"),
        (IPNetwork.Parse("203.0.113.0/24"), AddressScope.Special, "documentation"),
        (IPNetwork.Parse("224.0.0.0/4"), AddressScope.Unusable, "multicast"),
        (IPNetwork.Parse("255.255.255.255/32"), AddressScope.Unusable, "broadcast"),
        (IPNetwork.Parse("240.0.0.0/4"), AddressScope.Special, "reserved"),
        (IPNetwork.Parse("::/128"), AddressScope.Unusable, "unspecified"),
        (IPNetwork.Parse("::1/128"), AddressScope.Private, "loopback"),
        (IPNetwork.Parse("fc00::/7"), AddressScope.Private, "unique-local"),
        (IPNetwork.Parse("fe80::/10"), AddressScope.Special, "link-local"),
        (IPNetwork.Parse("fec0::/10"), AddressScope.Special, "site-local"),
        (IPNetwork.Parse("ff00::/8"), AddressScope.Unusable, "multicast"),
        (IPNetwork.Parse("2001:db8::/32"), AddressScope.Special, "documentation"),
        (IPNetwork.Parse("3fff::/20"), AddressScope.Special, "documentation"),
        (IPNetwork.Parse("2001::/23"), AddressScope.Special, "IETF protocol assignment (Teredo, benchmarking, ORCHID)"),
        (IPNetwork.Parse("2002::/16"), AddressScope.Special, "6to4"),
    ];

    /// <summary>The address's scope and what kind of address it is, as a reason text names it.</summary>
    public static (AddressScope Scope, string Kind) Classify(IPAddress address)
    {
        address = Unwrap(address);
        foreach (var (range, scope, kind) in Ranges)
        {
            if (range.Contains(address))
            {
                return (scope, kind);
            }
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && !GlobalUnicast.Contains(address)
            ? (AddressScope.Special, "not global unicast")
            : (AddressScope.Public, "public");
    }

    /// <summary>The IPv4 address an IPv4-mapped or NAT64 IPv6 address carries; any other address as it is.</summary>
    public static IPAddress Unwrap(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6 && Nat64.Contains(address))
        {
            return new IPAddress(address.GetAddressBytes().AsSpan(12));
        }

        return address;
    }
}
