namespace Streamer.Worker.Outbox;

/// <summary>
/// The outbox's table, as the relay sees it. Entries are written by the state store's commit
/// (<see cref="State.StateCommit.Outbox"/>), in the same transaction as the snapshots and cursor they go with.
/// </summary>
public interface IOutboxStore
{
    /// <summary>Up to <paramref name="limit"/> entries with a sequence number above <paramref name="afterSeq"/>, in order.</summary>
    Task<IReadOnlyList<OutboxEntry>> ReadAsync(long afterSeq, int limit, CancellationToken cancellationToken);

    /// <summary>Removes entries the broker confirmed.</summary>
    Task DeleteAsync(IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken);

    /// <summary>Counts what waits from the store itself, and sets <see cref="Depth"/> to it.</summary>
    Task<OutboxDepthReading> CountAsync(CancellationToken cancellationToken);

    /// <summary>How many entries and bytes wait, over all accounts (kept by the store as it writes and deletes).</summary>
    OutboxDepthReading Depth { get; }

    /// <summary>How many entries this process deleted, in all: it grows while the broker takes events.</summary>
    long Deleted { get; }
}
