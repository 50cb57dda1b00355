using Streamer.Worker.Detection;

namespace Streamer.Worker.State;

/// <summary>
/// Where the stream remembers what it has published: per record the detector's snapshot, per account the
/// cursor. Both are written together, and only after the broker confirmed every event they cover.
/// SQLite implements it; a PostgreSQL store can implement the same contract.
/// </summary>
public interface IStateStore
{
    /// <summary>The cursor of an account, or null before its first commit.</summary>
    Task<AccountCursor?> GetCursorAsync(string account, CancellationToken cancellationToken);

    /// <summary>The snapshots of those records that are known, keyed by record id.</summary>
    Task<IReadOnlyDictionary<string, RecordSnapshot>> GetSnapshotsAsync(string account, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken);

    /// <summary>Writes everything in <paramref name="commit"/> in one transaction.</summary>
    Task CommitAsync(string account, StateCommit commit, CancellationToken cancellationToken);

    /// <summary>Forgets records of an account last updated before <paramref name="olderThan"/>; returns how many.</summary>
    Task<int> PruneAsync(string account, DateTimeOffset olderThan, CancellationToken cancellationToken);

    /// <summary>How many records an account tracks.</summary>
    Task<long> CountAsync(string account, CancellationToken cancellationToken);
}
