namespace Streamer.Contracts;

/// <summary>
/// Where an event came from: <see cref="ChatMessageCreated.Origin"/> says why Streamer emitted a creation, and the
/// <c>Origin</c> of <see cref="ChatMessageStatusChanged"/>, <see cref="ChatMessageReactionChanged"/> and
/// <see cref="ChatMessageUpdated"/> whether Streamer saw the change happen or rebuilt it from history. Every
/// message event also carries it in its <c>Streamer-Origin</c> header (the member's name), so a consumer can
/// filter without reading the body.
/// </summary>
public enum ChangeOrigin
{
    /// <summary>
    /// The record appeared while Streamer was streaming: a new message. For a change of a record: Streamer saw
    /// the record before and after it, while streaming.
    /// </summary>
    Live = 0,

    /// <summary>
    /// The record already existed when Streamer first started on the account (the initial snapshot).
    /// Consumers that react to new messages (auto-replies, CRM tasks) should not act on it. Only creations
    /// have this origin: a change is seen happening (<see cref="Live"/>) or rebuilt (<see cref="Backfill"/>).
    /// </summary>
    Snapshot = 1,

    /// <summary>
    /// The record is history that Streamer re-read on request (a backfill) or that is older than
    /// anything it still tracks. Like <see cref="Snapshot"/>, not a new message. For a change (a backfill's
    /// status steps): rebuilt from the record as it is now, not seen when it happened.
    /// </summary>
    Backfill = 2,
}
