using Streamer.Contracts;

namespace Streamer.Worker.Publishing;

/// <summary>The event types Streamer publishes and their exchange names (MassTransit's: <c>Namespace:Type</c>).</summary>
public static class EventTypes
{
    /// <summary>Every published event type.</summary>
    public static readonly IReadOnlyList<Type> All =
    [
        typeof(ChatMessageCreated),
        typeof(ChatMessageStatusChanged),
        typeof(ChatMessageReactionChanged),
        typeof(ChatMessageUpdated),
        typeof(ChatRecordRejected),
        typeof(ChatMediaArchived),
        typeof(ChatMediaArchiveFailed),
    ];

    /// <summary>The exchange MassTransit's default entity name formatter gives a (non-generic, non-nested) type.</summary>
    public static string ExchangeName(Type type) => $"{type.Namespace}:{type.Name}";
}
