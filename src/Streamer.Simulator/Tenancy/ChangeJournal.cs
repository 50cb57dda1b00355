using Streamer.Simulator.Control;

namespace Streamer.Simulator.Tenancy;

/// <summary>
/// The ground truth of every tenant in one order, for <c>/_sim/changes?tenant=all</c>: a list of the changes the tenants'
/// stores file (8 bytes per change). Kept only when there is more than one tenant.
/// </summary>
internal sealed class ChangeJournal
{
    private readonly Lock gate = new();
    private readonly List<SimChange> changes = [];

    public long Count
    {
        get
        {
            lock (gate)
            {
                return changes.Count;
            }
        }
    }

    /// <summary>Files a change; the tenant's store calls it under its own lock, so each tenant's changes keep their order.</summary>
    public void Append(SimChange change)
    {
        lock (gate)
        {
            changes.Add(change);
        }
    }

    /// <summary>Up to <paramref name="limit"/> changes after the <paramref name="after"/>-th, numbered across all tenants.</summary>
    public ChangesPage After(long after, int limit)
    {
        lock (gate)
        {
            var from = (int)Math.Clamp(after, 0, changes.Count);
            var count = Math.Min(limit, changes.Count - from);
            return new ChangesPage { LastSeq = count > 0 ? from + count : after, LatestSeq = changes.Count, Changes = changes.GetRange(from, count) };
        }
    }
}
