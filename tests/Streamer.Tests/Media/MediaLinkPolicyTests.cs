using System.Net;
using Streamer.Contracts;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

public sealed class MediaLinkPolicyTests
{
    [Theory]
    [InlineData("http://media.example.com/a.jpg", false, false, MediaRefusal.SchemeRule)]
    [InlineData("http://media.example.com/a.jpg", true, false, null)]
    [InlineData("http://media.example.com/a.jpg", false, true, null)]
    [InlineData("https://media.example.com/a.jpg", false, false, null)]
    [InlineData("ftp://media.example.com/a.jpg", true, true, MediaRefusal.SchemeRule)]
    [InlineData("file:///etc/passwd", true, true, MediaRefusal.SchemeRule)]
    public void CheckLink_Scheme_HttpsOnlyUnlessInsecureOrPrivateAllowed(string link, bool insecure, bool privateNetworks, string? rule)
    {
        var policy = new MediaLinkPolicy(new MediaArchiveOptions { AllowInsecureTransport = insecure, AllowPrivateNetworks = privateNetworks });

        Assert.Equal(rule, policy.CheckLink(new Uri(link))?.Rule);
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/", "169.254.169.254 (link-local)")]
    [InlineData("https://10.0.0.5/a.jpg", "10.0.0.5 (private)")]
    [InlineData("https://[::1]/a.jpg", "::1 (loopback)")]
    [InlineData("https://[::ffff:169.254.169.254]/a.jpg", "169.254.169.254 (link-local)")]
    [InlineData("https://0.0.0.0/a.jpg", "0.0.0.0 (unspecified)")]
    public void CheckLink_LiteralAddressNotPublic_DeniedNamingTheAddress(string link, string named)
    {
        var refusal = new MediaLinkPolicy(new MediaArchiveOptions()).CheckLink(new Uri(link));

        Assert.Equal((MediaRefusal.AddressRule, MediaArchiveFailure.Denied), (refusal?.Rule, refusal?.Failure));
        Assert.Contains(named, refusal!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("media.example.com", true)]
    [InlineData("MEDIA.example.com.", true)]
    [InlineData("cdn.whatsapp.net", true)]
    [InlineData("a.b.whatsapp.net", true)]
    [InlineData("whatsapp.net", false)]
    [InlineData("evilwhatsapp.net", false)]
    [InlineData("media.example.com.evil.test", false)]
    [InlineData("other.example.com", false)]
    public void CheckHost_AllowedHostsSet_OnlyExactNamesAndSuffixes(string host, bool allowed)
    {
        var policy = new MediaLinkPolicy(new MediaArchiveOptions { AllowedHosts = ["media.example.com", "*.whatsapp.net"] });

        var refusal = policy.CheckHost(host);

        Assert.Equal(allowed, refusal is null);
        Assert.Equal(allowed ? null : MediaRefusal.HostRule, refusal?.Rule);
    }

    [Fact]
    public void CheckHost_NoAllowedHosts_AnyHost() =>
        Assert.Null(new MediaLinkPolicy(new MediaArchiveOptions()).CheckHost("anything.example.org"));

    [Theory]
    [InlineData("10.0.0.5", false, false)]
    [InlineData("10.0.0.5", true, true)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("169.254.169.254", true, false)]
    [InlineData("224.0.0.1", true, false)]
    [InlineData("8.8.8.8", false, true)]
    public void CheckAddresses_AllowPrivateNetworks_LiftsPrivateButNotLinkLocalOrMulticast(string address, bool privateNetworks, bool allowed)
    {
        var policy = new MediaLinkPolicy(new MediaArchiveOptions { AllowPrivateNetworks = privateNetworks });

        Assert.Equal(allowed, policy.CheckAddresses("storage.example.com", [IPAddress.Parse(address)]) is null);
    }

    [Theory]
    [InlineData("storage.internal", "10.0.0.5", true)]
    [InlineData("metadata.internal", "169.254.169.254", true)]
    [InlineData("storage.internal", "224.0.0.1", false)]
    [InlineData("x.corp.internal", "10.0.0.5", false)]
    public void CheckAddresses_HostListedExactly_MayBeAnyUnicastAddressButASuffixMayNot(string host, string address, bool allowed)
    {
        var policy = new MediaLinkPolicy(new MediaArchiveOptions { AllowedHosts = ["storage.internal", "metadata.internal", "*.corp.internal"] });

        Assert.Equal(allowed, policy.CheckAddresses(host, [IPAddress.Parse(address)]) is null);
    }

    [Fact]
    public void CheckAddresses_PublicAndPrivate_RefusedNamingThePrivateOne()
    {
        var policy = new MediaLinkPolicy(new MediaArchiveOptions());

        var refusal = policy.CheckAddresses("mixed.example.com", [IPAddress.Parse("93.184.215.14"), IPAddress.Parse("192.168.1.10")]);

        Assert.Equal(MediaRefusal.AddressRule, refusal?.Rule);
        Assert.StartsWith("mixed.example.com resolves to 192.168.1.10 (private)", refusal!.Reason, StringComparison.Ordinal);
    }
}
