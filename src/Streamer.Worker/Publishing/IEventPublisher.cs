using Streamer.Contracts;

namespace Streamer.Worker.Publishing;

/// <summary>Publishes events and returns once the broker confirmed all of them.</summary>
public interface IEventPublisher
{
    /// <summary>
    /// Publishes each list in order (one list per record: its events must keep their order) with the lists
    /// in parallel. Completes when every event is confirmed; throws if any could not be.
    /// </summary>
    Task PublishAsync(IReadOnlyList<IReadOnlyList<ChatMessageEvent>> eventsByRecord, CancellationToken cancellationToken);

    /// <summary>Publishes records that could not be turned into events; completes when all are confirmed.</summary>
    Task PublishRejectedAsync(IReadOnlyList<ChatRecordRejected> rejected, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes one message event or <see cref="ChatRecordRejected"/> as its concrete type, within
    /// <c>Rabbit:PublishTimeout</c>; completes when confirmed. The caller keeps order and limits what is in flight.
    /// </summary>
    Task PublishOneAsync(object message, CancellationToken cancellationToken);

    /// <summary>Publishes a media archiving outcome as its concrete type; completes when confirmed.</summary>
    Task PublishMediaOutcomeAsync(ChatMediaArchiveOutcome outcome, CancellationToken cancellationToken);
}
