using System.Net;
using Microsoft.Extensions.Options;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

public sealed class MediaConnectionFilterTests
{
    private readonly FakeResolver resolver = new(new()
    {
        ["cdn.example.com"] = ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
        ["internal.example.com"] = ["10.0.0.5"],
        ["mixed.example.com"] = ["93.184.215.14", "172.20.1.1"],
        ["mapped.example.com"] = ["::ffff:169.254.169.254"],
        ["v6local.example.com"] = ["fd00:ec2::254"],
        ["storage.internal"] = ["192.168.7.7"],
    });

    private readonly RecordingConnector connector = new();

    [Fact]
    public async Task Connect_NameResolvingToPublicAddresses_ConnectsToExactlyThose()
    {
        await using var stream = await Filter().ConnectAsync(new DnsEndPoint("cdn.example.com", 443), CancellationToken.None);

        var addresses = Assert.Single(connector.Connections);
        Assert.Equal(["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"], addresses.Select(a => a.ToString()));
    }

    [Theory]
    [InlineData("internal.example.com", "10.0.0.5 (private)")]
    [InlineData("mixed.example.com", "172.20.1.1 (private)")]
    [InlineData("mapped.example.com", "169.254.169.254 (link-local)")]
    [InlineData("v6local.example.com", "fd00:ec2::254 (unique-local)")]
    public async Task Connect_NameResolvingToAnAddressNotPublic_RefusedWithoutConnecting(string host, string named)
    {
        var error = await Assert.ThrowsAsync<MediaRefusedException>(() => Filter().ConnectAsync(new DnsEndPoint(host, 443), CancellationToken.None).AsTask());

        Assert.Equal(MediaRefusal.AddressRule, error.Refusal.Rule);
        Assert.Contains($"{host} resolves to {named}", error.Refusal.Reason, StringComparison.Ordinal);
        Assert.Empty(connector.Connections);
    }

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("fe80::1")]
    public async Task Connect_LiteralAddressNotPublic_RefusedWithoutResolvingOrConnecting(string address)
    {
        var error = await Assert.ThrowsAsync<MediaRefusedException>(() => Filter().ConnectAsync(new DnsEndPoint(address, 80), CancellationToken.None).AsTask());

        Assert.Equal(MediaRefusal.AddressRule, error.Refusal.Rule);
        Assert.Empty(resolver.Asked);
        Assert.Empty(connector.Connections);
    }

    [Fact]
    public async Task Connect_HostNotInAllowedHosts_RefusedWithoutResolving()
    {
        var filter = Filter(new MediaArchiveOptions { AllowedHosts = ["*.whatsapp.net"] });

        var error = await Assert.ThrowsAsync<MediaRefusedException>(() => filter.ConnectAsync(new DnsEndPoint("cdn.example.com", 443), CancellationToken.None).AsTask());

        Assert.Equal(MediaRefusal.HostRule, error.Refusal.Rule);
        Assert.Empty(resolver.Asked);
    }

    [Fact]
    public async Task Connect_PrivateHostListedExactly_Connects()
    {
        var filter = Filter(new MediaArchiveOptions { AllowedHosts = ["storage.internal"] });

        await using var stream = await filter.ConnectAsync(new DnsEndPoint("storage.internal", 443), CancellationToken.None);

        Assert.Equal(IPAddress.Parse("192.168.7.7"), Assert.Single(Assert.Single(connector.Connections)));
    }

    [Fact]
    public async Task Connect_PrivateNetworksAllowed_ConnectsToPrivateButNotLinkLocal()
    {
        var filter = Filter(new MediaArchiveOptions { AllowPrivateNetworks = true });

        await using var stream = await filter.ConnectAsync(new DnsEndPoint("internal.example.com", 80), CancellationToken.None);
        await Assert.ThrowsAsync<MediaRefusedException>(() => filter.ConnectAsync(new DnsEndPoint("mapped.example.com", 80), CancellationToken.None).AsTask());

        Assert.Equal(IPAddress.Parse("10.0.0.5"), Assert.Single(Assert.Single(connector.Connections)));
    }

    private MediaConnectionFilter Filter(MediaArchiveOptions? options = null) =>
        new(Options.Create(options ?? new MediaArchiveOptions()), resolver, connector);
}
