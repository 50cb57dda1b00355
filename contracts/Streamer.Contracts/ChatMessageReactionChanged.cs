namespace Streamer.Contracts;

/// <summary>The customer's emoji reaction (<c>user_emoji</c>) on a message was added, changed or removed.</summary>
public sealed record ChatMessageReactionChanged : ChatMessageEvent
{
    /// <summary>Added, changed or removed.</summary>
    public required ReactionChange Change { get; init; }

    /// <summary>The reaction before, or null if there was none.</summary>
    public string? PreviousEmoji { get; init; }

    /// <summary>The reaction now, or null when it was removed.</summary>
    public string? Emoji { get; init; }

    /// <summary>
    /// Whether Streamer saw this change happen (<see cref="ChangeOrigin.Live"/>) or rebuilt it from history
    /// (<see cref="ChangeOrigin.Backfill"/>). Null only in events published before Streamer set it.
    /// </summary>
    public ChangeOrigin? Origin { get; init; }
}
