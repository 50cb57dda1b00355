using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using Streamer.Testing;

namespace Streamer.Benchmarks.Infrastructure;

/// <summary>The broker under test: a fresh virtual host per measurement, deleted after it.</summary>
public sealed class BenchBroker : IAsyncDisposable
{
    private readonly RabbitMqBroker broker = new();

    /// <summary>Resolves the broker (STREAMER_RABBITMQ, set by eng/bench.sh from eng/broker.sh).</summary>
    public Task InitializeAsync() => broker.InitializeAsync();

    /// <summary>A new virtual host with the benchmark queue declared; dispose the lease to delete it.</summary>
    public async Task<VirtualHostLease> LeaseAsync(string purpose)
    {
        // Tests on this machine stop and start the shared broker: wait for it rather than fail the section.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await CreateLeaseAsync(purpose);
            }
            catch (Exception ex) when (attempt < 30 && ex is HttpRequestException or RabbitMQ.Client.Exceptions.BrokerUnreachableException)
            {
                Console.Error.WriteLine($"bench: the broker does not answer ({ex.GetType().Name}); retrying in 3 s");
                await Task.Delay(TimeSpan.FromSeconds(3));
            }
        }
    }

    private async Task<VirtualHostLease> CreateLeaseAsync(string purpose)
    {
        var uri = await broker.CreateVirtualHostAsync($"bench-{purpose}");
        var factory = new ConnectionFactory { Uri = uri, ClientProvidedName = $"bench-{purpose}" };
        var connection = await factory.CreateConnectionAsync();
        await QueueTopology.DeclareAsync(connection);
        return new VirtualHostLease(uri, connection, () => broker.DeleteVirtualHostAsync(uri));
    }

    /// <summary>The broker's version, from the management API's overview.</summary>
    public async Task<string> VersionAsync()
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{broker.UserName}:{broker.Password}"));
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
            using var overview = JsonDocument.Parse(await http.GetStringAsync(new Uri(broker.ManagementUri, "api/overview")));
            var root = overview.RootElement;
            return $"RabbitMQ {root.GetProperty("rabbitmq_version").GetString()} (Erlang {root.GetProperty("erlang_version").GetString()})";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
        {
            return "unknown (management API unreachable)";
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => new(broker.DisposeAsync());
}
