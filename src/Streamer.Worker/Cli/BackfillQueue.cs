using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Streamer.Worker.Publishing;

namespace Streamer.Worker.Cli;

/// <summary>
/// The one queue <c>backfill --to-queue</c> sends to. It must exist (a message sent where no queue is bound is
/// dropped by the broker), and is reached through the exchange of its name, bound to it, as a MassTransit
/// receive endpoint and <c>Rabbit:DeclareQueues</c> lay it out: sending there reaches that queue and no other
/// subscriber. The queue is never declared here, so its type and arguments stay its consumer's.
/// </summary>
internal static class BackfillQueue
{
    /// <summary>MassTransit's address of the queue's exchange.</summary>
    public static Uri Address(string queue) => new($"exchange:{queue}");

    /// <summary>Checks the queue exists and binds the exchange of its name to it; the problem, or null when ready.</summary>
    public static async Task<string?> PrepareAsync(AmqpAddress broker, string queue, CancellationToken cancellationToken)
    {
        var factory = broker.CreateConnectionFactory("streamer-backfill-topology");
        await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await probe.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == Constants.NotFound)
            {
                return $"there is no queue '{queue}' on {broker}: start its consumer once, or list it in Rabbit:DeclareQueues, then run the backfill again.";
            }
        }

        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
        await channel.QueueBindAsync(queue, queue, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
        return null;
    }
}
