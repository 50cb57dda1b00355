using RabbitMQ.Client;
using Streamer.Worker.Publishing;

namespace Streamer.Benchmarks.Infrastructure;

/// <summary>
/// A durable subscriber queue bound to every event exchange, the topology the worker's SubscriberQueues
/// declares (event exchange -> exchange named after the queue -> queue). Every benchmark publishes into it,
/// so the broker persists every message; published to an exchange with no queue, it would drop them for free.
/// </summary>
public static class QueueTopology
{
    /// <summary>The queue every benchmark counts or consumes.</summary>
    public const string Queue = "bench";

    /// <summary>Declares the queue, its exchange and the bindings from every event exchange.</summary>
    public static async Task DeclareAsync(IConnection connection)
    {
        await using var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(Queue, ExchangeType.Fanout, durable: true, autoDelete: false);
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(Queue, Queue, string.Empty);
        foreach (var type in EventTypes.All)
        {
            var exchange = EventTypes.ExchangeName(type);
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.ExchangeBindAsync(Queue, exchange, string.Empty);
        }
    }

    /// <summary>Messages ready in the queue (a passive declare answers at once; the management API lags by seconds).</summary>
    public static async Task<long> CountAsync(IConnection connection)
    {
        await using var channel = await connection.CreateChannelAsync();
        var ok = await channel.QueueDeclarePassiveAsync(Queue);
        return ok.MessageCount;
    }

    /// <summary>The mean body size of the first (up to) 1,000 messages in the queue, taken off it with basic.get.</summary>
    public static async Task<double> MeanBodySizeAsync(VirtualHostLease lease)
    {
        await using var channel = await lease.Connection.CreateChannelAsync();
        long bytes = 0;
        var count = 0;
        while (count < 1_000 && await channel.BasicGetAsync(Queue, autoAck: true) is { } message)
        {
            bytes += message.Body.Length;
            count++;
        }

        return count == 0 ? double.NaN : (double)bytes / count;
    }
}
