using System.Collections.Concurrent;
using System.Text;
using Xunit;

namespace Streamer.Testing;

/// <summary>
/// A RabbitMQ broker for tests, usable as an xunit class or collection fixture. The broker is resolved
/// once per test process and shared: STREAMER_RABBITMQ (an AMQP URI) wins; else a Testcontainers
/// container (rabbitmq:3-management) when a Docker engine answers; else the local rabbitmq-server that
/// eng/broker.sh finds, installs or starts. Tests isolate themselves with <see cref="CreateVirtualHostAsync"/>,
/// and an outage test takes down only its own virtual host with <see cref="StopVirtualHostAsync(Uri)"/>.
/// </summary>
public sealed class RabbitMqBroker : IAsyncLifetime
{
    private static readonly SemaphoreSlim ResolveLock = new(1, 1);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan ControlCommandTimeout = TimeSpan.FromSeconds(120);

    // The management API lists a connection only from the statistics collection after it opened
    // (collect_statistics_interval, 5 s by default): a virtual host's outage keeps closing what it lists
    // until it has listed none for longer than that, with a margin for a loaded machine.
    private static readonly TimeSpan StatisticsLag = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan OutagePollInterval = TimeSpan.FromMilliseconds(250);
    private const string OutageReason = "test outage of this virtual host";
    private static BrokerEndpoint? s_shared;

    private readonly ConcurrentDictionary<string, byte> _virtualHosts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _virtualHostsDown = new(StringComparer.Ordinal);
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

    /// <summary>
    /// An outage of one virtual host, the others untouched, so a test can run it beside other tests: the
    /// virtual host's connection limit goes to 0 (the broker answers every new connection's open with 530
    /// NOT_ALLOWED) and each of its open connections is closed (320 CONNECTION_FORCED, the code a broker that
    /// shuts down sends). Returns once none is left and a new connection is refused; lasts until
    /// <see cref="StartVirtualHostAsync(Uri)"/>. To a client this is a broker that went away, with two
    /// differences: the TCP connect itself still succeeds (the refusal comes in the AMQP handshake), and the
    /// queues keep their messages in memory, where a stopped broker refuses at TCP and recovers its durable
    /// queues from disk. A test of those needs <see cref="StopBrokerAsync"/>.
    /// </summary>
    public async Task StopVirtualHostAsync(Uri virtualHostUri)
    {
        var name = VirtualHostOf(virtualHostUri);
        if (name == "/")
        {
            throw new ArgumentException("The default virtual host is shared by every user of the broker; take a test's own virtual host down.", nameof(virtualHostUri));
        }

        using var cts = new CancellationTokenSource(StopTimeout);
        _virtualHostsDown.TryAdd(name, 0);
        await Management.SetMaxConnectionsAsync(name, 0, cts.Token);

        // Every connection that will ever exist in this outage exists now. The management API lists a new one
        // only after its next statistics collection: close what it lists until it listed none for longer than that.
        var quietSince = DateTime.UtcNow;
        try
        {
            while (true)
            {
                var open = await Management.ConnectionNamesAsync(name, cts.Token);
                foreach (var connection in open)
                {
                    await Management.CloseConnectionAsync(connection, OutageReason, cts.Token);
                }

                if (open.Count > 0)
                {
                    quietSince = DateTime.UtcNow;
                }
                else if (DateTime.UtcNow - quietSince > StatisticsLag)
                {
                    break;
                }

                await Task.Delay(OutagePollInterval, cts.Token);
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
            throw new TimeoutException($"Virtual host '{name}' still listed connections {StopTimeout.TotalSeconds:0} s after its outage began.");
        }

        await BrokerHealth.WaitUntilVirtualHostRefusesAsync(virtualHostUri, StopTimeout);
    }

    /// <summary>
    /// Opens a connection and a channel at <paramref name="amqpUri"/> (its virtual host included) and closes
    /// them: returns why that failed, or null when it worked.
    /// </summary>
    public static Task<Exception?> TryOpenChannelAsync(Uri amqpUri, CancellationToken cancellationToken = default) =>
        BrokerHealth.TryOpenChannelAsync(amqpUri, cancellationToken);

    /// <summary>Ends <see cref="StopVirtualHostAsync(Uri)"/>: removes the limit and waits until the virtual host accepts a connection and a channel.</summary>
    public async Task StartVirtualHostAsync(Uri virtualHostUri)
    {
        var name = VirtualHostOf(virtualHostUri);
        using (var cts = new CancellationTokenSource(StartTimeout))
        {
            await Management.SetMaxConnectionsAsync(name, null, cts.Token);
        }

        await BrokerHealth.WaitUntilAmqpAnswersAsync(virtualHostUri, StartTimeout);
        _virtualHostsDown.TryRemove(name, out _);
    }

    public async Task DisposeAsync()
    {
        if (_endpoint is null)
        {
            return;
        }

        // A virtual host left down by a failed test (its deletion below also ends the outage, but one kept
        // for a post-mortem, or already deleted, must not stay unusable).
        foreach (var name in _virtualHostsDown.Keys)
        {
            try
            {
                await Management.SetMaxConnectionsAsync(name, null, CancellationToken.None);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
            }
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
