using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Streamer.Worker.Publishing;
using WorkerRabbitOptions = Streamer.Worker.Publishing.RabbitOptions;

namespace Streamer.Samples.Tests;

/// <summary>Raw AMQP looks at a virtual host: queue depths, and the worker's DeclareQueues topology.</summary>
public static class QueueInspector
{
    /// <summary>Declares <paramref name="queue"/> exactly as the worker's <c>Rabbit:DeclareQueues</c> does at start-up.</summary>
    public static Task DeclareLikeWorkerAsync(Uri amqp, string queue)
    {
        var options = Microsoft.Extensions.Options.Options.Create(new WorkerRabbitOptions { Uri = amqp.ToString(), DeclareQueues = [queue] });
        var declarer = new SubscriberQueues(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<SubscriberQueues>.Instance, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return declarer.DeclareAsync(cts.Token);
    }

    /// <summary>Messages ready in <paramref name="queue"/>, or null when the queue does not exist.</summary>
    public static async Task<uint?> MessageCountAsync(Uri amqp, string queue)
    {
        var factory = new ConnectionFactory { Uri = amqp };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            var ok = await channel.QueueDeclarePassiveAsync(queue);
            return ok.MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }
}
