using MassTransit;
using Streamer.Contracts;

namespace Streamer.Samples.Analytics;

/// <summary>
/// One consumer for every event type. (The abstract <see cref="ChatMessageEvent"/> cannot be consumed
/// directly: the serializer has to build the concrete record, so each type gets its own method.)
/// </summary>
public sealed class AnalyticsConsumer(EventCounters counters) :
    IConsumer<ChatMessageCreated>,
    IConsumer<ChatMessageStatusChanged>,
    IConsumer<ChatMessageReactionChanged>,
    IConsumer<ChatMessageUpdated>,
    IConsumer<ChatRecordRejected>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatMessageCreated> context) => Count(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatMessageStatusChanged> context) => Count(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatMessageReactionChanged> context) => Count(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatMessageUpdated> context) => Count(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatRecordRejected> context)
    {
        counters.Count(context.Message);
        return Task.CompletedTask;
    }

    private Task Count(ChatMessageEvent message)
    {
        counters.Count(message);
        return Task.CompletedTask;
    }
}
