namespace Streamer.Contracts;

/// <summary>Why Streamer emitted a <see cref="ChatMessageCreated"/>.</summary>
public enum ChangeOrigin
{
    /// <summary>The record appeared while Streamer was streaming: a new message.</summary>
    Live = 0,

    /// <summary>
    /// The record already existed when Streamer first started on the account (the initial snapshot).
    /// Consumers that react to new messages (auto-replies, CRM tasks) should not act on it.
    /// </summary>
    Snapshot = 1,

    /// <summary>
    /// The record is history that Streamer re-read on request (a backfill) or that is older than
    /// anything it still tracks. Like <see cref="Snapshot"/>, not a new message.
    /// </summary>
    Backfill = 2,
}
