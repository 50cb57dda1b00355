namespace Streamer.Contracts;

/// <summary>
/// Fields of a chat record other than its status and reaction changed (content, names, remark, template…).
/// </summary>
public sealed record ChatMessageUpdated : ChatMessageEvent
{
    /// <summary>The fields that changed, each with its new value, in the API's field order.</summary>
    public required IReadOnlyList<ChatFieldChange> Changes { get; init; }

    /// <summary>
    /// Whether Streamer saw this change happen (<see cref="ChangeOrigin.Live"/>) or rebuilt it from history
    /// (<see cref="ChangeOrigin.Backfill"/>). Null only in events published before Streamer set it.
    /// </summary>
    public ChangeOrigin? Origin { get; init; }
}
