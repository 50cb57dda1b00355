namespace Streamer.Worker.State;

/// <summary>How far an account has been streamed.</summary>
/// <param name="Position">Everything up to this instant (inclusive, whole seconds) has been read and published.</param>
/// <param name="SnapshotDone">False while the first start's snapshot window is still being streamed.</param>
/// <param name="TierRuns">When each re-scan tier last completed, by its key (its horizon: <c>15m</c>, <c>1d</c>).</param>
public sealed record AccountCursor(DateTimeOffset Position, bool SnapshotDone, IReadOnlyDictionary<string, DateTimeOffset> TierRuns)
{
    /// <summary>
    /// When the account's first snapshot was planned: a record created before it existed before Streamer
    /// streamed the account, and is labelled <see cref="Contracts.ChangeOrigin.Snapshot"/> wherever it is
    /// first met. Null for cursors written before this was kept.
    /// </summary>
    public DateTimeOffset? SnapshotCutoff { get; init; }
}
