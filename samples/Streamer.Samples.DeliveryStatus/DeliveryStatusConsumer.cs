using MassTransit;
using Streamer.Contracts;

namespace Streamer.Samples.DeliveryStatus;

/// <summary>
/// Takes the initial status from <see cref="ChatMessageCreated"/> and every later step from
/// <see cref="ChatMessageStatusChanged"/>; the store drops duplicates (by EventId) and stale versions.
/// </summary>
public sealed class DeliveryStatusConsumer(DeliveryStatusStore store, ProcessingCounters counters, ILogger<DeliveryStatusConsumer> logger) :
    IConsumer<ChatMessageCreated>,
    IConsumer<ChatMessageStatusChanged>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatMessageCreated> context) =>
        ApplyAsync(StatusUpdate.From(context.Message), context.CancellationToken);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatMessageStatusChanged> context) =>
        ApplyAsync(StatusUpdate.From(context.Message), context.CancellationToken);

    private async Task ApplyAsync(StatusUpdate update, CancellationToken cancellationToken)
    {
        var outcome = await store.ApplyAsync(update, cancellationToken);
        counters.Add(outcome);
        Log.Handled(logger, update.RecordId, update.Version, update.Status ?? "(none)", outcome);
    }
}
