using Microsoft.Extensions.Options;
using Streamer.Tests.Media;
using Streamer.Worker.Configuration;
using Streamer.Worker.Hosting;
using Streamer.Worker.Publishing;

namespace Streamer.Tests.Hosting;

public sealed class InsecureTransportWarningsTests
{
    private const int AccountWarning = 130;
    private const int BrokerWarning = 131;

    [Fact]
    public async Task StartAsync_PlainTransportAllowedOffLoopback_WarnsNamingTheHostOnly()
    {
        var logger = await StartAsync(
            [
                Account("remote", "http://someone:p4ss@api.example.com:8080/", allowInsecure: true),
                Account("local", "http://127.0.0.1:5080", allowInsecure: true),
                Account("tls", "https://api-hk.nxlink.ai", allowInsecure: true),
            ],
            new RabbitOptions { Uri = "amqp://guest:s3cr3t@broker.example.com/", AllowInsecureTransport = true });

        Assert.Equal(["remote"], logger.Values<string>(AccountWarning, "Account"));
        Assert.Equal(["api.example.com"], logger.Values<string>(AccountWarning, "Host"));
        Assert.Equal(["broker.example.com"], logger.Values<string>(BrokerWarning, "Host"));
    }

    [Fact]
    public async Task StartAsync_LoopbackOrTls_NoWarning()
    {
        var logger = await StartAsync(
            [Account("local", "http://localhost:5080", allowInsecure: true)],
            new RabbitOptions { Uri = "amqps://guest:s3cr3t@broker.example.com/", AllowInsecureTransport = true });

        Assert.Empty(logger.Values<string>(AccountWarning, "Host"));
        Assert.Empty(logger.Values<string>(BrokerWarning, "Host"));
    }

    private static async Task<RecordingLogger<InsecureTransportWarnings>> StartAsync(List<AccountOptions> accounts, RabbitOptions rabbit)
    {
        var logger = new RecordingLogger<InsecureTransportWarnings>();
        var options = new AccountsOptions();
        options.Items.AddRange(accounts);
        var warnings = new InsecureTransportWarnings(Options.Create(options), Options.Create(rabbit), logger);
        await warnings.StartAsync(CancellationToken.None);
        return logger;
    }

    private static AccountOptions Account(string name, string baseUrl, bool allowInsecure) =>
        new() { Name = name, BaseUrl = baseUrl, AllowInsecureTransport = allowInsecure };
}
