using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;
using Streamer.Worker.Hosting;

namespace Streamer.Tests.Health;

/// <summary>The health endpoint on loopback: where it listens, and what its readiness report shows.</summary>
public sealed class HealthServerTests : IAsyncLifetime
{
    private const string BrokerSecret = "hunter2";
    private const string ApiText = "sign mismatch, expected 9f8e7d";

    private readonly int port = LoopbackPort.Next();
    private ServiceProvider? provider;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartAsync_DefaultAddress_ListensOnLoopbackOnly()
    {
        var server = await StartAsync(address: null);

        Assert.NotEmpty(server.Urls);
        Assert.All(server.Urls, url =>
        {
            var uri = new Uri(url);
            Assert.True(LoopbackHost.Is(uri.Host), $"{url} is not loopback");
            Assert.Equal(port, uri.Port);
        });
    }

    [Fact]
    public async Task StartAsync_IpAddress_ListensOnThatAddressOnly()
    {
        var server = await StartAsync(address: "127.0.0.1");

        Assert.Equal([string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")], server.Urls);
    }

    [Fact]
    public async Task Ready_ChecksFail_NamesEachWithReasonsButNoForeignText()
    {
        await StartAsync(address: null, addBrokenBus: true);
        var health = provider!.GetRequiredService<AccountHealth>();
        health.Failed("demo", new NxlinkConfigurationException($"nxlink refused the request: invalid signature ({ApiText}) (code 1003).", "check the account's AccessSecret.", 1003));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

        using var response = await http.GetAsync(new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/healthz/ready")));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var checks = JsonDocument.Parse(body).RootElement.GetProperty("checks");
        var accounts = checks.GetProperty(AccountsHealthCheck.Name);
        Assert.Equal("Unhealthy", accounts.GetProperty("status").GetString());
        Assert.Equal("demo: no successful poll yet (configuration error: the API refused the signature (code 1003))", accounts.GetProperty("description").GetString());
        var bus = checks.GetProperty("masstransit-bus");
        Assert.Equal("Unhealthy", bus.GetProperty("status").GetString());
        Assert.StartsWith("the bus is not connected to the broker", bus.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(ApiText, body, StringComparison.Ordinal);
        Assert.DoesNotContain(BrokerSecret, body, StringComparison.Ordinal);
        Assert.DoesNotContain("broker.internal", body, StringComparison.Ordinal);
    }

    private async Task<HealthServer> StartAsync(string? address, bool addBrokenBus = false)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Accounts:0:Name"] = "demo",
            ["Accounts:0:BaseUrl"] = "http://127.0.0.1:5080",
            ["Accounts:0:TenantId"] = "1",
            ["Accounts:0:AppKey"] = "demo-appkey",
            ["Accounts:0:AccessKey"] = "demo-access-key",
            ["Accounts:0:AccessSecret"] = "demo-access-secret",
            ["Accounts:0:TimeZone"] = "Asia/Shanghai",
            ["Health:Port"] = port.ToString(CultureInfo.InvariantCulture),
        };
        if (address is not null)
        {
            settings["Health:Address"] = address;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStreamerAccounts(configuration).AddStreamerPolling(configuration).AddStreamerHealth(configuration);
        if (addBrokenBus)
        {
            // What MassTransit's bus check may carry: the broker's address with credentials, a client error.
            services.AddHealthChecks().AddCheck(
                "masstransit-bus",
                () => HealthCheckResult.Unhealthy(
                    $"Not ready: rabbitmq://guest:{BrokerSecret}@broker.internal/ faulted",
                    new InvalidOperationException($"Connection refused: amqp://guest:{BrokerSecret}@broker.internal:5672")),
                tags: [HealthServer.ReadyTag]);
        }

        provider = services.BuildServiceProvider();
        var server = provider.GetRequiredService<HealthServer>();
        await server.StartAsync(CancellationToken.None);
        return server;
    }
}
