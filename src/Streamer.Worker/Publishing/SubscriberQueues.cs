using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Streamer.Worker.Publishing;

/// <summary>
/// Declares the configured durable subscriber queues before anything is published, with the same topology a
/// MassTransit receive endpoint of that name builds (event exchanges -> exchange named after the queue ->
/// queue), so a consumer started later finds every event published since. RabbitMQ would otherwise drop
/// events published to an exchange with no queue bound.
/// </summary>
public sealed class SubscriberQueues(IOptions<RabbitOptions> options, ILogger<SubscriberQueues> logger, TimeProvider time) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.DeclareQueues.Count == 0)
        {
            return;
        }

        // Until the queues exist, publishing could lose events: keep trying (the host does not start meanwhile).
        var delay = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await DeclareAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is RabbitMQ.Client.Exceptions.BrokerUnreachableException or RabbitMQ.Client.Exceptions.OperationInterruptedException or IOException)
            {
                Log.QueueDeclareFailed(logger, ex.GetType().Name, delay);
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task DeclareAsync(CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = new Uri(options.Value.Uri), ClientProvidedName = "streamer-topology" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var queue in options.Value.DeclareQueues)
        {
            await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            await channel.QueueBindAsync(queue, queue, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var type in EventTypes.All)
            {
                var exchange = EventTypes.ExchangeName(type);
                await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
                await channel.ExchangeBindAsync(queue, exchange, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            Log.QueueDeclared(logger, queue, EventTypes.All.Count);
        }
    }
}
