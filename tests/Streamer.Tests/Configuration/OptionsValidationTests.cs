using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;
using Streamer.Worker.Hosting;
using Streamer.Worker.Media;
using Streamer.Worker.Publishing;

namespace Streamer.Tests.Configuration;

public sealed class OptionsValidationTests
{
    private static readonly Dictionary<string, string?> ValidAccount = new()
    {
        ["Accounts:0:Name"] = "demo",
        ["Accounts:0:BaseUrl"] = "http://127.0.0.1:5080",
        ["Accounts:0:TenantId"] = "1",
        ["Accounts:0:AppKey"] = "demo-appkey",
        ["Accounts:0:AccessKey"] = "demo-access-key",
        ["Accounts:0:AccessSecret"] = "demo-access-secret",
        ["Accounts:0:TimeZone"] = "Asia/Shanghai",
    };

    [Fact]
    public void Accounts_Valid_Bind()
    {
        var accounts = Resolve<AccountsOptions>(ValidAccount);

        var account = Assert.Single(accounts.Items);
        Assert.Equal("demo", account.Name);
        Assert.Equal("Asia/Shanghai", account.TimeZone);
    }

    [Theory]
    [InlineData("Accounts:0:AccessSecret", "", "Accounts:0:AccessSecret")]
    [InlineData("Accounts:0:TimeZone", "Mars/Olympus", "Accounts:0:TimeZone")]
    [InlineData("Accounts:0:BaseUrl", "not a url", "Accounts:0:BaseUrl")]
    [InlineData("Accounts:0:PollInterval", "-00:00:01", "Accounts:0:PollInterval")]
    [InlineData("Accounts:0:PollInterval", "00:00:00.049", "Accounts:0:PollInterval: must be between 00:00:00.050 and 1.00:00:00")]
    [InlineData("Accounts:0:PollInterval", "1.00:00:01", "Accounts:0:PollInterval: must be between 00:00:00.050 and 1.00:00:00")]
    public void Accounts_BadValue_FailsNamingTheSetting(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>(ValidAccount) { [key] = value };

        var error = Assert.Throws<OptionsValidationException>(() => Resolve<AccountsOptions>(settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00.050")]
    [InlineData("1.00:00:00")]
    public void Accounts_PollIntervalAtTheEndsOfTheRange_Binds(string interval)
    {
        var accounts = Resolve<AccountsOptions>(new Dictionary<string, string?>(ValidAccount) { ["Accounts:0:PollInterval"] = interval });

        Assert.Equal(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture), Assert.Single(accounts.Items).PollInterval);
    }

    [Theory]
    [InlineData("ftp://reader:hunter2@api.example.com/", "the URL to api.example.com")]
    [InlineData("reader:hunter2@api.example.com", "Accounts:0:BaseUrl: the value")]
    [InlineData("https://reader:hunter2@api example.com/", "Accounts:0:BaseUrl: the value")]
    public void Accounts_BaseUrlWithUserInformation_FailsWithoutEchoingIt(string baseUrl, string named)
    {
        var settings = new Dictionary<string, string?>(ValidAccount) { ["Accounts:0:BaseUrl"] = baseUrl };

        var error = Assert.Throws<OptionsValidationException>(() => Resolve<AccountsOptions>(settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accounts_None_FailsSayingHowToConfigure()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<AccountsOptions>([]));

        Assert.Contains("Accounts__0__Name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accounts_SecretInvalidValue_NeverEchoed()
    {
        var settings = new Dictionary<string, string?>(ValidAccount) { ["Accounts:0:TimeZone"] = "Nowhere/Zone" };

        var error = Assert.Throws<OptionsValidationException>(() => Resolve<AccountsOptions>(settings));

        Assert.DoesNotContain("demo-access-secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Polling_NonPositiveInterval_Fails()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<PollingOptions>(new() { ["Polling:Interval"] = "00:00:00" }));

        Assert.Contains("Interval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Polling_PageSizeOver100_Fails()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<PollingOptions>(new() { ["Polling:PageSize"] = "101" }));

        Assert.Contains("PageSize", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("3")]
    [InlineData("7")]
    [InlineData("-1")]
    public void Polling_FilterOnUndefinedNumber_Fails(string value)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<PollingOptions>(new() { ["Polling:FilterOn"] = value }));

        Assert.Contains("Polling:FilterOn must be Auto, CreatedAt or UpdatedAt.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("UpdatedAt", TimeFilter.UpdatedAt)]
    [InlineData("0", TimeFilter.CreatedAt)]
    public void Polling_FilterOnValue_Binds(string value, TimeFilter expected) =>
        Assert.Equal(expected, Resolve<PollingOptions>(new() { ["Polling:FilterOn"] = value }).FilterOn);

    [Theory]
    [InlineData("Polling:MaxPagesPerSecondSlice", "0", "MaxPagesPerSecondSlice")]
    [InlineData("Polling:MaxPageBytes", "100", "MaxPageBytes")]
    public void Polling_BadLimit_FailsNamingTheSetting(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<PollingOptions>(new() { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_Set_BindAndTheClientGetsItsPageLimit()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Polling:MaxPagesPerSecondSlice"] = "50",
            ["Polling:MaxPageBytes"] = "1048576",
            ["Rabbit:MaxMessageBytes"] = "2097152",
            ["Health:StallAfter"] = "00:20:00",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        using var provider = Services(configuration).BuildServiceProvider();

        Assert.Equal(50, provider.GetRequiredService<IOptions<PollingOptions>>().Value.MaxPagesPerSecondSlice);
        Assert.Equal(1_048_576, provider.GetRequiredService<NxlinkClient>().MaxPageBytes);
        Assert.Equal(2_097_152, provider.GetRequiredService<IOptions<RabbitOptions>>().Value.MaxMessageBytes);
        Assert.Equal(TimeSpan.FromMinutes(20), provider.GetRequiredService<IOptions<HealthOptions>>().Value.StallAfter);
    }

    [Theory]
    [InlineData("Rabbit:MaxMessageBytes", "1000", "MaxMessageBytes")]
    [InlineData("Health:StallAfter", "00:00:00", "StallAfter")]
    public void Limits_BadValue_FailsNamingTheSetting(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => key.StartsWith("Rabbit", StringComparison.Ordinal)
            ? Resolve<RabbitOptions>(new() { [key] = value })
            : (object)Resolve<HealthOptions>(new() { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost")]
    [InlineData("localhost:5672")]
    [InlineData("amqp://broker/one/two")]
    public void Rabbit_BadUri_FailsWithTheExample(string uri)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<RabbitOptions>(new() { ["Rabbit:Uri"] = uri }));

        Assert.Contains("Rabbit:Uri must be an amqp:// or amqps:// URI, for example amqp://guest:guest@localhost:5672/.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("amqp://guest:guest@127.0.0.1:5672/")]
    [InlineData("amqps://user:secret@broker/%2F")]
    public void Rabbit_GoodUri_Binds(string uri)
    {
        var options = Resolve<RabbitOptions>(new() { ["Rabbit:Uri"] = uri });

        Assert.Equal(uri, options.Uri);
    }

    [Theory]
    [InlineData("MediaArchive:Concurrency", "0", "Concurrency")]
    [InlineData("MediaArchive:MaxBytes", "0", "MaxBytes")]
    [InlineData("MediaArchive:RetryDelay", "00:00:00", "RetryDelay")]
    [InlineData("MediaArchive:AllowedContentTypes:0", "images", "MediaArchive:AllowedContentTypes")]
    [InlineData("MediaArchive:MaxRedirects", "11", "MaxRedirects")]
    [InlineData("MediaArchive:AllowedHosts:0", "https://media.example.com/", "MediaArchive:AllowedHosts")]
    [InlineData("MediaArchive:AllowedHosts:0", "*.", "MediaArchive:AllowedHosts")]
    public void MediaArchive_BadValue_FailsNamingTheSetting(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Resolve<MediaArchiveOptions>(new() { [key] = value }));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MediaArchive_AllowedContentTypesSet_ReplaceTheDefaults()
    {
        var options = Resolve<MediaArchiveOptions>(new() { ["MediaArchive:AllowedContentTypes:0"] = "image/*" });

        Assert.Equal(["image/*"], options.EffectiveAllowedContentTypes);
        Assert.False(options.Allows("application/pdf"));
    }

    [Fact]
    public void MediaArchive_LinkSettings_BoundWithSafeDefaults()
    {
        var defaults = Resolve<MediaArchiveOptions>([]);
        var options = Resolve<MediaArchiveOptions>(new()
        {
            ["MediaArchive:AllowedHosts:0"] = "*.whatsapp.net",
            ["MediaArchive:AllowedHosts:1"] = "10.1.2.3",
            ["MediaArchive:AllowPrivateNetworks"] = "true",
            ["MediaArchive:AllowInsecureTransport"] = "true",
            ["MediaArchive:MaxRedirects"] = "0",
        });

        Assert.Equal((0, false, false, 3), (defaults.AllowedHosts.Count, defaults.AllowPrivateNetworks, defaults.AllowInsecureTransport, defaults.MaxRedirects));
        Assert.Equal(["*.whatsapp.net", "10.1.2.3"], options.AllowedHosts);
        Assert.Equal((true, true, 0), (options.AllowPrivateNetworks, options.AllowInsecureTransport, options.MaxRedirects));
    }

    private static T Resolve<T>(Dictionary<string, string?> settings)
        where T : class
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = Services(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }

    private static ServiceCollection Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddStreamerAccounts(configuration).AddStreamerState(configuration).AddStreamerPolling(configuration).AddStreamerPublisher(configuration).AddStreamerMediaArchive(configuration).AddStreamerHealth(configuration);
        return services;
    }
}
