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
/// events published to an exchange with no queue bound. In the worker it declares in the background, so
/// polling goes on into the outbox while the broker is away; the publisher waits for <see cref="Declared"/>.
/// </summary>
public sealed class SubscriberQueues(IOptions<RabbitOptions> options, ILogger<SubscriberQueues> logger, TimeProvider time) : IHostedService, IDisposable
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);
    private readonly TaskCompletionSource declared = NewDeclared(options.Value.DeclareQueues.Count == 0);
    private readonly CancellationTokenSource stopping = new();
    private Task background = Task.CompletedTask;

    /// <summary>Completes once every configured queue is declared (at once when none is configured).</summary>
    public Task Declared => declared.Task;

    /// <summary>Starts declaring in the background, retrying until the broker answers or the host stops.</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        background = Task.Run(
            async () =>
            {
                try
                {
                    await DeclareAsync(stopping.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                }
            },
            CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await background.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public void Dispose() => stopping.Dispose();

    /// <summary>Declares the queues, retrying while the broker cannot be reached; completes <see cref="Declared"/>.</summary>
    public async Task DeclareAsync(CancellationToken cancellationToken)
    {
        if (options.Value.DeclareQueues.Count == 0)
        {
            return;
        }

        // Until the queues exist, publishing could lose events: keep trying (publishes wait meanwhile).
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
        declared.TrySetResult();
    }

    private static TaskCompletionSource NewDeclared(bool done)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (done)
        {
            source.SetResult();
        }

        return source;
    }

    private async Task DeclareAsync(ConnectionFactory factory, CancellationToken cancellationToken)
    {
        await using var connection = await factory.CreateConnectionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var queue in options.Value.DeclareQueues)
        {
            // A refused declaration closes its channel: one channel per queue.
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                await channel.ExchangeDeclareAsync(queue.Name, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
                var arguments = queue.Arguments();
                try
                {
                    await channel.QueueDeclareAsync(queue.Name, durable: true, exclusive: false, autoDelete: false, arguments: arguments, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == Constants.PreconditionFailed)
                {
                    // The queue is there, declared otherwise (by its consumer, or before the setting changed): it still
                    // gets every event once bound, so keep it and say why the configured arguments do not apply.
                    Log.QueueArgumentsDiffer(logger, queue.Name, ex.ShutdownReason.ReplyText);
                    await channel.DisposeAsync().ConfigureAwait(false);
                    channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                await channel.QueueBindAsync(queue.Name, queue.Name, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
                foreach (var type in EventTypes.All)
                {
                    var exchange = EventTypes.ExchangeName(type);
                    await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false, cancellationToken: cancellationToken).ConfigureAwait(false);
                    await channel.ExchangeBindAsync(queue.Name, exchange, string.Empty, cancellationToken: cancellationToken).ConfigureAwait(false);
                }

                if (arguments.Count == 0)
                {
                    Log.QueueDeclared(logger, queue.Name, EventTypes.All.Count);
                }
                else
                {
                    Log.QueueDeclaredWithArguments(logger, queue.Type.ToString(), queue.Name, string.Join(", ", arguments.Select(a => $"{a.Key}={a.Value}")), EventTypes.All.Count);
                }
            }
            finally
            {
                await channel.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
