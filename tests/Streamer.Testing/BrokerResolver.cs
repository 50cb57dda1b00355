using System.Net;
using Testcontainers.RabbitMq;

namespace Streamer.Testing;

/// <summary>Finds or starts the RabbitMQ broker the tests of this process share.</summary>
internal static class BrokerResolver
{
    public const string AmqpUriVariable = "STREAMER_RABBITMQ";
    public const string ManagementUriVariable = "STREAMER_RABBITMQ_MANAGEMENT";
    public const string ContainerImage = "rabbitmq:3-management";
    public const int AmqpPort = 5672;
    public const int ManagementPort = 15672;

    private static readonly TimeSpan DockerProbeTimeout = TimeSpan.FromSeconds(5);
    // Generous: on a clean machine eng/broker.sh installs rabbitmq-server with apt-get first.
    private static readonly TimeSpan BrokerScriptTimeout = TimeSpan.FromMinutes(10);

    public static async Task<BrokerEndpoint> ResolveAsync()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(AmqpUriVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            var uri = new Uri(fromEnvironment.Trim());
            return FromAmqpUri(uri, IsLoopback(uri) ? BrokerKind.Local : BrokerKind.External);
        }

        if (await DockerProbe.IsAvailableAsync(DockerProbeTimeout))
        {
            return await StartContainerAsync();
        }

        return FromAmqpUri(await RunBrokerScriptAsync(), BrokerKind.Local);
    }

    private static BrokerEndpoint FromAmqpUri(Uri amqpUri, BrokerKind kind)
    {
        var (user, password) = Credentials(amqpUri);
        var management = Environment.GetEnvironmentVariable(ManagementUriVariable);
        var managementUri = string.IsNullOrWhiteSpace(management)
            ? new UriBuilder(Uri.UriSchemeHttp, amqpUri.Host, ManagementPort).Uri
            : new Uri(management.Trim());
        return new BrokerEndpoint(kind, amqpUri, managementUri, user, password, Container: null);
    }

    private static async Task<BrokerEndpoint> StartContainerAsync()
    {
        // Fixed host ports instead of random ones: a container that is stopped and started again
        // (StopBrokerAsync/StartBrokerAsync) keeps the same address, so buses can reconnect to it.
        var container = new RabbitMqBuilder(ContainerImage)
            .WithPortBinding(FreePort.Next(), AmqpPort)
            .WithPortBinding(FreePort.Next(), ManagementPort)
            .Build();
        // Testcontainers' resource reaper removes the container when this test process exits.
        await container.StartAsync();

        var amqpUri = new Uri(container.GetConnectionString());
        var (user, password) = Credentials(amqpUri);
        var managementUri = new UriBuilder(
            Uri.UriSchemeHttp, container.Hostname, container.GetMappedPublicPort(ManagementPort)).Uri;
        var endpoint = new BrokerEndpoint(BrokerKind.Container, amqpUri, managementUri, user, password, container);
        // The image logs "started" before the management plugin listens.
        await BrokerHealth.WaitUntilManagementAnswersAsync(endpoint, TimeSpan.FromSeconds(60));
        return endpoint;
    }

    private static async Task<Uri> RunBrokerScriptAsync()
    {
        var root = RepositoryRoot.Find();
        var script = Path.Combine(root, "eng", "broker.sh");
        var output = await ProcessRunner.RunCheckedAsync("bash", [script], BrokerScriptTimeout, root);
        // The script prints only the URI on stdout (its log goes to stderr); take the last line to be safe.
        var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .LastOrDefault();
        return line is not null && Uri.TryCreate(line, UriKind.Absolute, out var uri)
            ? uri
            : throw new InvalidOperationException($"eng/broker.sh printed no AMQP URI on stdout: '{output.Trim()}'");
    }

    private static (string User, string Password) Credentials(Uri amqpUri)
    {
        // AMQP's default when the URI names no user.
        if (string.IsNullOrEmpty(amqpUri.UserInfo))
        {
            return ("guest", "guest");
        }

        var parts = amqpUri.UserInfo.Split(':', 2);
        return (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}
