using MassTransit;
using Microsoft.Extensions.Options;
using Streamer.Contracts;

namespace Streamer.Worker.Publishing;

/// <summary>
/// Publishes through MassTransit with publisher confirms: awaiting a publish awaits its confirmation.
/// Many publishes are in flight at once (one awaited at a time measured ~1.6k/s against ~12k/s), but
/// the events of one record go one after the other, so they reach the queue in order. Nothing is published
/// before the subscriber queues exist: an exchange without a bound queue drops what it gets. The bus is taken
/// from the container at the first publish, not when the publisher is built: building it is work the start
/// path need not wait for (see <see cref="BusStarter"/>).
/// </summary>
public sealed class MassTransitEventPublisher(IServiceProvider services, SubscriberQueues queues, IOptions<RabbitOptions> options, StreamerMetrics metrics, TimeProvider time) : IEventPublisher
{
    private readonly SemaphoreSlim inFlight = new(options.Value.MaxInFlight, options.Value.MaxInFlight);
    private readonly Lazy<IPublishEndpoint> endpoint = new(services.GetRequiredService<IPublishEndpoint>);

    private IPublishEndpoint Bus => endpoint.Value;

    /// <inheritdoc />
    public async Task PublishAsync(IReadOnlyList<IReadOnlyList<ChatMessageEvent>> eventsByRecord, CancellationToken cancellationToken)
    {
        if (eventsByRecord.Count == 0)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await QueuesAsync(timeout.Token).ConfigureAwait(false);
        var chains = new Task[eventsByRecord.Count];
        for (var i = 0; i < chains.Length; i++)
        {
            chains[i] = PublishInOrderAsync(eventsByRecord[i], timeout.Token);
        }

        await Task.WhenAll(chains).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PublishRejectedAsync(IReadOnlyList<ChatRecordRejected> rejected, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await QueuesAsync(timeout.Token).ConfigureAwait(false);
        await Task.WhenAll(rejected.Select(r => Bus.Publish(r, Stamp, timeout.Token))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PublishOneAsync(object message, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await QueuesAsync(timeout.Token).ConfigureAwait(false);
        switch (message)
        {
            case ChatMessageEvent chat:
                var started = time.GetTimestamp();
                await PublishOneAsync(chat, timeout.Token).ConfigureAwait(false);
                metrics.PublishLatency(chat, time.GetElapsedTime(started));
                metrics.Published(chat);
                break;
            case ChatRecordRejected rejected:
                await Bus.Publish(rejected, Stamp, timeout.Token).ConfigureAwait(false);
                break;
            default:
                throw new ArgumentException($"Unknown message type {message.GetType().Name}.", nameof(message));
        }
    }

    /// <inheritdoc />
    public async Task PublishMediaOutcomeAsync(ChatMediaArchiveOutcome outcome, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.PublishTimeout);
        await QueuesAsync(timeout.Token).ConfigureAwait(false);

        // Publish(object) publishes as the runtime type, so each outcome lands on its own exchange.
        await Bus.Publish((object)outcome, c => StampOutcome(c, outcome), timeout.Token).ConfigureAwait(false);
    }

    // MessageId = EventId, and the headers consumers filter on.
    private static void Stamp<T>(PublishContext<T> context)
        where T : class
    {
        context.MessageId = context.Message switch
        {
            ChatMessageEvent m => m.EventId,
            ChatRecordRejected m => m.EventId,
            ChatMediaArchiveOutcome m => m.EventId,
            _ => context.MessageId,
        };
        StreamerHeaders.Apply(context, context.Message);
    }

    private static void StampOutcome(PublishContext context, ChatMediaArchiveOutcome outcome)
    {
        context.MessageId = outcome.EventId;
        StreamerHeaders.Apply(context, outcome);
    }

    private Task QueuesAsync(CancellationToken cancellationToken) =>
        queues.Declared.IsCompletedSuccessfully ? Task.CompletedTask : queues.Declared.WaitAsync(cancellationToken);

    private async Task PublishInOrderAsync(IReadOnlyList<ChatMessageEvent> events, CancellationToken cancellationToken)
    {
        foreach (var message in events)
        {
            await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            var started = time.GetTimestamp();
            try
            {
                await PublishOneAsync(message, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                inFlight.Release();
            }

            metrics.PublishLatency(message, time.GetElapsedTime(started));
            metrics.Published(message);
        }
    }

    // Published as the concrete type so each lands on its own exchange; MessageId = EventId lets
    // consumers (and MassTransit's outbox/inbox) deduplicate.
    private Task PublishOneAsync(ChatMessageEvent message, CancellationToken cancellationToken) => message switch
    {
        ChatMessageCreated m => Bus.Publish(m, Stamp, cancellationToken),
        ChatMessageStatusChanged m => Bus.Publish(m, Stamp, cancellationToken),
        ChatMessageReactionChanged m => Bus.Publish(m, Stamp, cancellationToken),
        ChatMessageUpdated m => Bus.Publish(m, Stamp, cancellationToken),
        _ => throw new ArgumentException($"Unknown event type {message.GetType().Name}.", nameof(message)),
    };
}
