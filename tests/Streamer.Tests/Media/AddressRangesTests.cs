using System.Net;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

public sealed class AddressRangesTests
{
    [Theory]
    [InlineData("8.8.8.8", AddressScope.Public)]
    [InlineData("93.184.215.14", AddressScope.Public)]
    [InlineData("10.1.2.3", AddressScope.Private)]
    [InlineData("172.16.0.1", AddressScope.Private)]
    [InlineData("172.31.255.255", AddressScope.Private)]
    [InlineData("172.32.0.1", AddressScope.Public)]
    [InlineData("192.168.1.1", AddressScope.Private)]
    [InlineData("100.64.0.1", AddressScope.Private)]
    [InlineData("100.127.255.255", AddressScope.Private)]
    [InlineData("100.128.0.1", AddressScope.Public)]
    [InlineData("127.0.0.1", AddressScope.Private)]
    [InlineData("127.8.9.10", AddressScope.Private)]
    [InlineData("169.254.169.254", AddressScope.Special)]
    [InlineData("192.0.2.7", AddressScope.Special)]
    [InlineData("198.18.0.1", AddressScope.Special)]
    [InlineData("240.0.0.1", AddressScope.Special)]
    [InlineData("0.0.0.0", AddressScope.Unusable)]
    [InlineData("0.1.2.3", AddressScope.Unusable)]
    [InlineData("224.0.0.251", AddressScope.Unusable)]
    [InlineData("255.255.255.255", AddressScope.Unusable)]
    public void Classify_IPv4_ScopeOfItsRange(string address, AddressScope scope) =>
        Assert.Equal(scope, AddressRanges.Classify(IPAddress.Parse(address)).Scope);

    [Theory]
    [InlineData("2606:4700:4700::1111", AddressScope.Public)]
    [InlineData("2a00:1450:4001:80b::200e", AddressScope.Public)]
    [InlineData("::1", AddressScope.Private)]
    [InlineData("fc00::1", AddressScope.Private)]
    [InlineData("fd12:3456:789a::1", AddressScope.Private)]
    [InlineData("fe80::1", AddressScope.Special)]
    [InlineData("febf::1", AddressScope.Special)]
    [InlineData("2001:db8::1", AddressScope.Special)]
    [InlineData("2001:0:4136:e378::1", AddressScope.Special)]
    [InlineData("2002:a00:1::1", AddressScope.Special)]
    [InlineData("100::1", AddressScope.Special)]
    [InlineData("::a00:1", AddressScope.Special)]
    [InlineData("::", AddressScope.Unusable)]
    [InlineData("ff02::1", AddressScope.Unusable)]
    public void Classify_IPv6_ScopeOfItsRange(string address, AddressScope scope) =>
        Assert.Equal(scope, AddressRanges.Classify(IPAddress.Parse(address)).Scope);

    [Theory]
    [InlineData("::ffff:169.254.169.254", "169.254.169.254", AddressScope.Special)]
    [InlineData("::ffff:10.0.0.5", "10.0.0.5", AddressScope.Private)]
    [InlineData("::ffff:127.0.0.1", "127.0.0.1", AddressScope.Private)]
    [InlineData("::ffff:8.8.8.8", "8.8.8.8", AddressScope.Public)]
    [InlineData("64:ff9b::a00:5", "10.0.0.5", AddressScope.Private)]
    [InlineData("64:ff9b::808:808", "8.8.8.8", AddressScope.Public)]
    public void Classify_IPv6CarryingIPv4_JudgedByTheIPv4Address(string address, string carried, AddressScope scope)
    {
        var parsed = IPAddress.Parse(address);

        Assert.Equal(IPAddress.Parse(carried), AddressRanges.Unwrap(parsed));
        Assert.Equal(AddressRanges.Classify(IPAddress.Parse(carried)), AddressRanges.Classify(parsed));
        Assert.Equal(scope, AddressRanges.Classify(parsed).Scope);
    }
}
