using Streamer.Worker.Detection;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;

namespace Streamer.Worker.State;

/// <summary>What one commit makes durable for an account, in one transaction: the cursor, and with it the records' snapshots, the events for the broker and new media downloads.</summary>
/// <param name="Cursor">The account's cursor after the commit.</param>
public sealed record StateCommit(AccountCursor Cursor)
{
    /// <summary>The records' new states.</summary>
    public IReadOnlyCollection<RecordSnapshot> Snapshots { get; init; } = [];

    /// <summary>Events for the broker, in the order they must be published (numbered by the commit).</summary>
    public IReadOnlyList<OutboxEntry> Outbox { get; init; } = [];

    /// <summary>Media downloads to queue; a record already queued keeps its job.</summary>
    public IReadOnlyCollection<MediaJob> MediaJobs { get; init; } = [];

    /// <summary>The pass over a window that this commit ends, stored per horizon; null for any other commit.</summary>
    public PassSummary? Pass { get; init; }
}
