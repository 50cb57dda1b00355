using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Streamer.Worker.Publishing;

/// <summary>
/// Declares the configured durable subscriber queues before anything is published, with the same topology a
/// MassTransit receive endpoint of that name builds (event exchanges -> exchange named after the queue ->
/// queue), so a consumer started later finds every event published since. RabbitMQ would otherwise drop
/// events published to an exchange with no queue bound.
/// </summary>
public sealed class SubscriberQueues(IOptions<RabbitOptions> options, ILogger<SubscriberQueues> logger, TimeProvider time) : IHostedService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.DeclareQueues.Count == 0)
        {
            return;
        }

        // Until the queues exist, publishing could lose events: keep trying (the host does not start meanwhile).
        var pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<BrokerUnreachableException>()
                    .Handle<OperationInterruptedException>()
                    .Handle<IOException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = MaxRetryDelay,
                OnRetry = args =>
                {
                    Log.QueueDeclareFailed(logger, args.Outcome.Exception!.GetType().Name, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        var factory = AmqpAddress.Parse(options.Value.Uri).CreateConnectionFactory("streamer-topology");
        await pipeline.ExecuteAsync(ct => new ValueTask(DeclareAsync(factory, ct)), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task DeclareAsync(ConnectionFactory factory, CancellationToken cancellationToken)
    {
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
