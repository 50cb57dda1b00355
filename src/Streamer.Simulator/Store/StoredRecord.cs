using Streamer.Nxlink;
using Streamer.Simulator.Generation;

namespace Streamer.Simulator.Store;

/// <summary>A record as the store keeps it: the API record plus what indexing and the generator need.</summary>
internal sealed class StoredRecord(long id, ChatRecord record, long createdSecond, long updatedSecond)
{
    public long Id { get; } = id;

    /// <summary>The API record; mutated only under the store's lock, copied before it leaves it.</summary>
    public ChatRecord Record { get; } = record;

    public long CreatedSecond { get; } = createdSecond;

    /// <summary>The record's updated_at (Unix seconds); it stays put when UpdatedAtFollowsChanges is false.</summary>
    public long UpdatedSecond { get; set; } = updatedSecond;

    /// <summary>The second of the record's last change (its creation at first): what MinChangeGap is measured from.</summary>
    public long ChangedSecond { get; set; } = updatedSecond;

    /// <summary>The generator's conversation of the record (null for fixtures).</summary>
    public Conversation? Conversation { get; init; }

    /// <summary>Position in the generator's list of records still waiting for a status step, or -1.</summary>
    public int PendingIndex { get; set; } = -1;
}
