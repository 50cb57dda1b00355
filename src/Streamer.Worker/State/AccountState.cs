namespace Streamer.Worker.State;

/// <summary>What the state file holds for one account.</summary>
/// <param name="Account">The account name.</param>
/// <param name="Cursor">Its cursor, or null before its first commit.</param>
/// <param name="TrackedRecords">How many records it remembers.</param>
/// <param name="PendingMedia">Media downloads queued and not finished.</param>
/// <param name="Outbox">Events committed and not yet confirmed by the broker.</param>
/// <param name="OutboxOldest">When the oldest of them was committed; null when there is none.</param>
public sealed record AccountState(string Account, AccountCursor? Cursor, long TrackedRecords, long PendingMedia = 0, long Outbox = 0, DateTimeOffset? OutboxOldest = null)
{
    /// <summary>Its last pass per horizon, by horizon; empty before the first and in files written before passes were kept.</summary>
    public IReadOnlyList<PassSummary> Passes { get; init; } = [];

    /// <summary>Its last stored decision on the API's time filter; null before the first and in files written before decisions were kept.</summary>
    public FilterDecision? Filter { get; init; }
}
