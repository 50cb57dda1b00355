using Streamer.Testing;

namespace Streamer.Contracts.Net8.Tests;

/// <summary>
/// A virtual host of its own on the test broker (STREAMER_RABBITMQ, which eng/test.sh sets from eng/broker.sh),
/// so the messages this project publishes reach no other test's queues. Deleted at the end.
/// </summary>
public sealed class BrokerVirtualHost : IAsyncLifetime
{
    private readonly Uri broker;
    private readonly ManagementApi management;

    public BrokerVirtualHost()
    {
        var uri = Environment.GetEnvironmentVariable("STREAMER_RABBITMQ");
        Assert.False(string.IsNullOrEmpty(uri), "STREAMER_RABBITMQ is not set: export it from eng/broker.sh (eng/test.sh does).");
        broker = new Uri(uri!);
        Assert.True(broker.IsLoopback, $"the test broker must be on this machine, not {broker.Host}.");
        var credentials = Uri.UnescapeDataString(broker.UserInfo).Split(':', 2);
        (UserName, Password) = (credentials[0], credentials.Length > 1 ? credentials[1] : "");
        var managementUri = Environment.GetEnvironmentVariable("STREAMER_RABBITMQ_MANAGEMENT") is { Length: > 0 } m
            ? new Uri(m)
            : new UriBuilder("http", broker.Host, 15672).Uri;
        management = new ManagementApi(managementUri, UserName, Password);
        Name = "net8-consumer-" + Guid.NewGuid().ToString("N")[..12];
    }

    /// <summary>The virtual host's name.</summary>
    public string Name { get; }

    /// <summary>The broker user.</summary>
    public string UserName { get; }

    /// <summary>The broker user's password.</summary>
    public string Password { get; }

    /// <summary>The broker's host.</summary>
    public string Host => broker.Host;

    /// <summary>The broker's AMQP port.</summary>
    public int Port => broker.IsDefaultPort ? 5672 : broker.Port;

    /// <inheritdoc />
    public Task InitializeAsync() => management.CreateVirtualHostAsync(Name, UserName, CancellationToken.None);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        await management.DeleteVirtualHostAsync(Name, CancellationToken.None);
        management.Dispose();
    }
}
