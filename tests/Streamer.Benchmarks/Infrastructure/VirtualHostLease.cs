using RabbitMQ.Client;

namespace Streamer.Benchmarks.Infrastructure;

/// <summary>A virtual host of one measurement, with a connection for declaring, counting and consuming.</summary>
/// <param name="uri">The AMQP URI of the virtual host.</param>
/// <param name="connection">An open connection to it.</param>
/// <param name="delete">Deletes the virtual host.</param>
public sealed class VirtualHostLease(Uri uri, IConnection connection, Func<Task> delete) : IAsyncDisposable
{
    /// <summary>The AMQP URI of the virtual host, with credentials.</summary>
    public Uri Uri { get; } = uri;

    /// <summary>A connection to the virtual host.</summary>
    public IConnection Connection { get; } = connection;

    /// <summary>Messages in the benchmark queue.</summary>
    public Task<long> CountAsync() => QueueTopology.CountAsync(Connection);

    /// <summary>Messages in the benchmark queue; 0 while a child (a worker) has not declared it yet.</summary>
    public async Task<long> CountOrZeroAsync()
    {
        try
        {
            return await CountAsync();
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await delete();
    }
}
