using MassTransit;
using Streamer.Contracts;
using Streamer.Worker.Publishing;

namespace Streamer.Worker.Cli;

/// <summary>
/// An <see cref="IEventPublisher"/> that sends every message to one endpoint (MassTransit <c>Send</c>) instead of
/// publishing it to every subscriber: <c>backfill --to-queue</c>, so a new subscriber catches up alone. Like the
/// publisher, it waits for the broker's confirmations, keeps each record's events in order, bounds what is in
/// flight by <c>Rabbit:MaxInFlight</c> and gives up after <c>Rabbit:PublishTimeout</c>.
/// </summary>
internal sealed class QueueEventSender(ISendEndpointProvider endpoints, Uri address, RabbitOptions options) : IEventPublisher
{
    private readonly SemaphoreSlim inFlight = new(options.MaxInFlight, options.MaxInFlight);

    /// <inheritdoc />
    public async Task PublishAsync(IReadOnlyList<IReadOnlyList<ChatMessageEvent>> eventsByRecord, CancellationToken cancellationToken)
    {
        if (eventsByRecord.Count == 0)
        {
            return;
        }

        using var timeout = Timeout(cancellationToken);
        var endpoint = await endpoints.GetSendEndpoint(address).ConfigureAwait(false);
        await Task.WhenAll(eventsByRecord.Select(events => SendInOrderAsync(endpoint, events, timeout.Token))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PublishRejectedAsync(IReadOnlyList<ChatRecordRejected> rejected, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(cancellationToken);
        var endpoint = await endpoints.GetSendEndpoint(address).ConfigureAwait(false);
        await Task.WhenAll(rejected.Select(r => SendAsync(endpoint, r, r.EventId, timeout.Token))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PublishOneAsync(object message, CancellationToken cancellationToken)
    {
        var id = message switch
        {
            ChatMessageEvent chat => chat.EventId,
            ChatRecordRejected rejected => rejected.EventId,
            _ => throw new ArgumentException($"Unknown message type {message.GetType().Name}.", nameof(message)),
        };
        using var timeout = Timeout(cancellationToken);
        await SendAsync(await endpoints.GetSendEndpoint(address).ConfigureAwait(false), message, id, timeout.Token).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PublishMediaOutcomeAsync(ChatMediaArchiveOutcome outcome, CancellationToken cancellationToken)
    {
        using var timeout = Timeout(cancellationToken);
        await SendAsync(await endpoints.GetSendEndpoint(address).ConfigureAwait(false), outcome, outcome.EventId, timeout.Token).ConfigureAwait(false);
    }

    // Sent as the runtime type, as the publisher publishes it; MessageId = EventId lets consumers deduplicate.
    private static Task SendAsync(ISendEndpoint endpoint, object message, Guid id, CancellationToken cancellationToken) =>
        endpoint.Send(
            message,
            c =>
            {
                c.MessageId = id;
                StreamerHeaders.Apply(c, message);
            },
            cancellationToken);

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.PublishTimeout);
        return timeout;
    }

    private async Task SendInOrderAsync(ISendEndpoint endpoint, IReadOnlyList<ChatMessageEvent> events, CancellationToken cancellationToken)
    {
        foreach (var message in events)
        {
            await inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await SendAsync(endpoint, message, message.EventId, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                inFlight.Release();
            }
        }
    }
}
