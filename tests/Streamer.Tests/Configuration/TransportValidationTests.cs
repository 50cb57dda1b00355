using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streamer.Worker.Configuration;
using Streamer.Worker.Hosting;
using Streamer.Worker.Publishing;

namespace Streamer.Tests.Configuration;

/// <summary>Plain http and amqp are refused at start unless the host is loopback or AllowInsecureTransport is set.</summary>
public sealed class TransportValidationTests
{
    [Theory]
    [InlineData("http://api-hk.nxlink.ai")]
    [InlineData("http://10.0.0.5:8080")]
    [InlineData("http://127.0.0.1.nip.io")]
    [InlineData("http://localhost.example.com")]
    [InlineData("http://[::ffff:10.0.0.1]:5080")]
    public void Accounts_HttpToAnotherHost_FailsNamingTheSettingToAllowIt(string baseUrl)
    {
        var error = Assert.Throws<OptionsValidationException>(() => ResolveAccount(baseUrl));

        Assert.Contains("Accounts:0:BaseUrl: plain http to", error.Message, StringComparison.Ordinal);
        Assert.Contains("Accounts__0__AllowInsecureTransport=true", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://127.8.9.10")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://LOCALHOST")]
    [InlineData("http://[::1]:5080")]
    [InlineData("http://[::ffff:127.0.0.1]:5080")]
    public void Accounts_HttpToLoopback_Binds(string baseUrl)
    {
        var account = ResolveAccount(baseUrl);

        Assert.Equal(baseUrl, account.BaseUrl);
        Assert.False(account.AllowInsecureTransport);
    }

    [Fact]
    public void Accounts_HttpsToAnotherHost_Binds()
    {
        var account = ResolveAccount("https://api-hk.nxlink.ai");

        Assert.Equal("https://api-hk.nxlink.ai", account.BaseUrl);
    }

    [Fact]
    public void Accounts_HttpAllowedInsecureTransport_Binds()
    {
        var account = ResolveAccount("http://api-hk.nxlink.ai", allowInsecure: true);

        Assert.True(account.AllowInsecureTransport);
    }

    [Fact]
    public void Accounts_HttpWithUserInfo_MessageNamesTheHostOnly()
    {
        var error = Assert.Throws<OptionsValidationException>(() => ResolveAccount("http://someone:p4ssw0rd@api-hk.nxlink.ai"));

        Assert.Contains("plain http to api-hk.nxlink.ai", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("p4ssw0rd", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amqp://guest:guest@broker.example.com:5672/")]
    [InlineData("amqp://guest:guest@192.168.1.20/")]
    public void Rabbit_AmqpToAnotherHost_FailsNamingTheSettingToAllowIt(string uri)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<RabbitOptions>(new() { ["Rabbit:Uri"] = uri }));

        Assert.Contains("Rabbit__AllowInsecureTransport=true", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("guest", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amqp://guest:guest@127.0.0.1:5672/")]
    [InlineData("amqp://guest:guest@localhost:5672/")]
    [InlineData("amqp://guest:guest@[::1]:5672/")]
    [InlineData("amqps://user:secret@broker.example.com/")]
    public void Rabbit_AmqpsOrLoopback_Binds(string uri)
    {
        var options = Resolve<RabbitOptions>(new() { ["Rabbit:Uri"] = uri });

        Assert.Equal(uri, options.Uri);
    }

    [Fact]
    public void Rabbit_AmqpAllowedInsecureTransport_Binds()
    {
        var options = Resolve<RabbitOptions>(new()
        {
            ["Rabbit:Uri"] = "amqp://guest:guest@broker.example.com/",
            ["Rabbit:AllowInsecureTransport"] = "true",
        });

        Assert.True(options.AllowInsecureTransport);
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.255.255.254", true)]
    [InlineData("::1", true)]
    [InlineData("[::1]", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("128.0.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("loopback", false)]
    [InlineData("localhost.", false)]
    [InlineData("127.0.0.1.example.com", false)]
    public void Is_Host_TrueOnlyForLoopback(string host, bool expected)
    {
        Assert.Equal(expected, LoopbackHost.Is(host));
    }

    private static AccountOptions ResolveAccount(string baseUrl, bool allowInsecure = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Accounts:0:Name"] = "demo",
            ["Accounts:0:BaseUrl"] = baseUrl,
            ["Accounts:0:TenantId"] = "1",
            ["Accounts:0:AppKey"] = "demo-appkey",
            ["Accounts:0:AccessKey"] = "demo-access-key",
            ["Accounts:0:AccessSecret"] = "demo-access-secret",
            ["Accounts:0:TimeZone"] = "Asia/Shanghai",
        };
        if (allowInsecure)
        {
            settings["Accounts:0:AllowInsecureTransport"] = "true";
        }

        return Assert.Single(Resolve<AccountsOptions>(settings).Items);
    }

    private static T Resolve<T>(Dictionary<string, string?> settings)
        where T : class
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStreamerAccounts(configuration).AddStreamerPublisher(configuration);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }
}
