using Streamer.Worker.Detection;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;

namespace Streamer.Worker.State;

/// <summary>What one commit makes durable for an account, in one transaction: the cursor, and with it the records' snapshots, the events for the broker, new media downloads, the pass it ends and a new filter decision.</summary>
/// <param name="Cursor">The account's cursor after the commit.</param>
public sealed record StateCommit(AccountCursor Cursor)
{
    /// <summary>The records' new states.</summary>
    public IReadOnlyCollection<RecordSnapshot> Snapshots { get; init; } = [];

    /// <summary>Events for the broker, in the order they must be published (numbered by the commit).</summary>
    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];

    /// <summary>Media downloads to queue; a record already queued keeps its job.</summary>
    public IReadOnlyCollection<MediaJob> MediaJobs { get; init; } = [];

    /// <summary>The pass this commit ends, replacing the account's last pass of its horizon; null for a commit within a pass.</summary>
    public PassSummary? Pass { get; init; }

    /// <summary>A new decision on the API's time filter, replacing the account's last; null when it did not change.</summary>
    public FilterDecision? Filter { get; init; }

    /// <summary>
    /// With leases (a shared database): the lease this write is made under. A backend with leases commits only while
    /// the account's lease still names that instance and token, checked in the same transaction, and otherwise throws
    /// <see cref="Cluster.FencedWriteRefusedException"/> having written nothing. Null without leases (SQLite).
    /// </summary>
    public Cluster.FencingToken? Fence { get; init; }
}
