using System.Collections.Concurrent;
using System.Text;
using Xunit;

namespace Streamer.Testing;

/// <summary>
/// A RabbitMQ broker for tests, usable as an xunit class or collection fixture. The broker is resolved
/// once per test process and shared: STREAMER_RABBITMQ (an AMQP URI) wins; else a Testcontainers
/// container (rabbitmq:3-management) when a Docker engine answers; else the local rabbitmq-server that
/// eng/broker.sh finds, installs or starts. Tests isolate themselves with <see cref="CreateVirtualHostAsync"/>.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private static readonly SemaphoreSlim ResolveLock = new(1, 1);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ControlCommandTimeout = TimeSpan.FromSeconds(120);
    private static BrokerEndpoint? s_shared;

    private readonly ConcurrentDictionary<string, byte> _virtualHosts = new(StringComparer.Ordinal);
    private BrokerEndpoint? _endpoint;
    private ManagementApi? _management;
    private bool _stoppedHere;

    /// <summary>Where the broker came from; decides how <see cref="StopBrokerAsync"/> works.</summary>
    public BrokerKind Kind => Endpoint.Kind;

    /// <summary>The broker's AMQP URI on its default virtual host, with credentials.</summary>
    public Uri AmqpUri => Endpoint.AmqpUri;

    /// <summary>Base of the management HTTP API (STREAMER_RABBITMQ_MANAGEMENT, else port 15672 of the AMQP host).</summary>
    public Uri ManagementUri => Endpoint.ManagementUri;

    /// <summary>User of <see cref="AmqpUri"/>; the management API is called as this user.</summary>
    public string UserName => Endpoint.UserName;

    /// <summary>Password of <see cref="UserName"/>.</summary>
    public string Password => Endpoint.Password;

    private BrokerEndpoint Endpoint =>
        _endpoint ?? throw new InvalidOperationException("RabbitMqBroker is used before InitializeAsync.");

    private ManagementApi Management =>
        _management ?? throw new InvalidOperationException("RabbitMqBroker is used before InitializeAsync.");

    /// <summary>The virtual host an AMQP URI points at ("/" when its path is empty).</summary>
    public static string VirtualHostOf(Uri amqpUri)
    {
        var path = amqpUri.AbsolutePath;
        return path.Length <= 1 ? "/" : Uri.UnescapeDataString(path[1..]);
    }

    public async Task InitializeAsync()
    {
        _endpoint = await GetSharedAsync();
        _management = new ManagementApi(_endpoint.ManagementUri, _endpoint.UserName, _endpoint.Password);
    }

    /// <summary>
    /// Creates a fresh virtual host named t-&lt;prefix&gt;-&lt;8 hex digits&gt;, grants <see cref="UserName"/>
    /// full permissions on it and returns <see cref="AmqpUri"/> pointed at it. It is deleted on
    /// <see cref="DisposeAsync"/> at the latest.
    /// </summary>
    public async Task<Uri> CreateVirtualHostAsync(string? prefix = null)
    {
        var name = NewVirtualHostName(prefix);
        _virtualHosts.TryAdd(name, 0);
        await Management.CreateVirtualHostAsync(name, UserName, CancellationToken.None);
        return new UriBuilder(AmqpUri) { Path = "/" + Uri.EscapeDataString(name) }.Uri;
    }

    /// <summary>Deletes the virtual host an AMQP URI from <see cref="CreateVirtualHostAsync"/> points at.</summary>
    public Task DeleteVirtualHostAsync(Uri virtualHostUri) => DeleteVirtualHostAsync(VirtualHostOf(virtualHostUri));

    /// <summary>Deletes a virtual host, best effort: a missing one or an unreachable API is not an error.</summary>
    public async Task DeleteVirtualHostAsync(string virtualHost)
    {
        if (virtualHost == "/")
        {
            throw new ArgumentException("The default virtual host is never deleted.", nameof(virtualHost));
        }

        try
        {
            await Management.DeleteVirtualHostAsync(virtualHost, CancellationToken.None);
            _virtualHosts.TryRemove(virtualHost, out _);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // Leftovers only cost broker memory; a cleanup failure must not fail the test.
        }
    }

    /// <summary>Whether the broker has a virtual host of that name.</summary>
    public Task<bool> VirtualHostExistsAsync(string virtualHost) =>
        Management.VirtualHostExistsAsync(virtualHost, CancellationToken.None);

    /// <summary>
    /// Stops the broker (rabbitmqctl stop_app, or stops the container) and waits until its AMQP port refuses.
    /// The broker is shared by every test of the process: call this only from a collection that runs alone
    /// (<c>[CollectionDefinition(DisableParallelization = true)]</c>).
    /// </summary>
    public async Task StopBrokerAsync()
    {
        switch (Kind)
        {
            case BrokerKind.Local:
                await ProcessRunner.RunCheckedAsync("rabbitmqctl", ["stop_app"], ControlCommandTimeout);
                break;
            case BrokerKind.Container:
                await Endpoint.Container!.StopAsync();
                break;
            default:
                throw new NotSupportedException($"The broker at {AmqpUri.Host} is not on this machine; it cannot be stopped.");
        }

        _stoppedHere = true;
        await BrokerHealth.WaitUntilAmqpRefusesAsync(AmqpUri, StopTimeout);
    }

    /// <summary>Starts the broker again after <see cref="StopBrokerAsync"/> and waits until it accepts AMQP connections.</summary>
    public async Task StartBrokerAsync()
    {
        switch (Kind)
        {
            case BrokerKind.Local:
                await ProcessRunner.RunCheckedAsync("rabbitmqctl", ["start_app"], ControlCommandTimeout);
                break;
            case BrokerKind.Container:
                await Endpoint.Container!.StartAsync();
                break;
            default:
                throw new NotSupportedException($"The broker at {AmqpUri.Host} is not on this machine; it cannot be started.");
        }

        await BrokerHealth.WaitUntilAmqpAnswersAsync(AmqpUri, StartTimeout);
        await BrokerHealth.WaitUntilManagementAnswersAsync(Endpoint, StartTimeout);
        _stoppedHere = false;
    }

    public async Task DisposeAsync()
    {
        if (_endpoint is null)
        {
            return;
        }

        // A test that failed between stop and start must not leave the shared broker down for the rest.
        if (_stoppedHere)
        {
            await StartBrokerAsync();
        }

        foreach (var name in _virtualHosts.Keys)
        {
            await DeleteVirtualHostAsync(name);
        }

        _management?.Dispose();
        _management = null;
    }

    private static async Task<BrokerEndpoint> GetSharedAsync()
    {
        await ResolveLock.WaitAsync();
        try
        {
            // Not a Lazy: a failed resolution (say apt-get was down) is retried by the next fixture.
            return s_shared ??= await BrokerResolver.ResolveAsync();
        }
        finally
        {
            ResolveLock.Release();
        }
    }

    private static string NewVirtualHostName(string? prefix)
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return $"t-{id}";
        }

        // Keep names readable in rabbitmqctl output and safe in URIs.
        var safe = new StringBuilder(prefix.Length);
        foreach (var c in prefix.ToLowerInvariant())
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        return $"t-{safe.ToString().Trim('-')}-{id}";
    }
}
