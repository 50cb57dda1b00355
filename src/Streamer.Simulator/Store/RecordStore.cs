using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Simulator.Control;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Store;

/// <summary>
/// The records and the ground truth, in memory. Every read and write holds <see cref="Gate"/>; readers leave
/// with copies so serialization happens outside the lock. The index is ordered by the FilterOn timestamp,
/// so a time window is two binary searches; a switch of FilterOn rebuilds it under the lock. One store per tenant;
/// with several tenants, every change is also filed in the journal of all tenants.
/// </summary>
internal sealed class RecordStore(IOptions<SimulatorOptions> options, int tenant, TimestampField filterOn, ChangeJournal? journal)
{
    private readonly bool updatedFollowsChanges = options.Value.UpdatedAtFollowsChanges;
    private bool byUpdated = filterOn == TimestampField.UpdatedAt;
    private readonly Dictionary<long, StoredRecord> byId = [];
    private readonly OrderedIndex index = new();
    private readonly List<SimChange> changes = [];

    /// <summary>The lock of the store; the generator holds it while it changes records.</summary>
    public Lock Gate { get; } = new();

    public int RecordCount
    {
        get
        {
            lock (Gate)
            {
                return byId.Count;
            }
        }
    }

    public long ChangeCount
    {
        get
        {
            lock (Gate)
            {
                return changes.Count;
            }
        }
    }

    /// <summary>What start_time/end_time filter on and order_by sorts by, now.</summary>
    public TimestampField FilterOn
    {
        get
        {
            lock (Gate)
            {
                return byUpdated ? TimestampField.UpdatedAt : TimestampField.CreatedAt;
            }
        }
    }

    /// <summary>How many times FilterOn has switched. Read under <see cref="Gate"/>.</summary>
    public int FilterSwitches { get; private set; }

    /// <summary>When FilterOn last switched (the simulator's clock), or null. Read under <see cref="Gate"/>.</summary>
    public DateTimeOffset? FilterSwitchedAt { get; private set; }

    /// <summary>
    /// Filters on <paramref name="filterOn"/> from now on: the index is rebuilt under the lock (a sort of every
    /// record), so every request served after this sees the new order. False when it already filtered on it;
    /// <paramref name="records"/> is how many records were re-indexed.
    /// </summary>
    public bool SwitchFilter(TimestampField filterOn, DateTimeOffset at, out int records)
    {
        lock (Gate)
        {
            records = 0;
            var toUpdated = filterOn == TimestampField.UpdatedAt;
            if (toUpdated == byUpdated)
            {
                return false;
            }

            byUpdated = toUpdated;
            FilterSwitches++;
            FilterSwitchedAt = at;
            var all = new StoredRecord[byId.Count];
            byId.Values.CopyTo(all, 0);
            var keys = Array.ConvertAll(all, KeyOf);
            Array.Sort(keys, all);
            index.Load(keys, all);
            records = all.Length;
            return true;
        }
    }

    /// <summary>Adds a new record with its created change. The caller holds <see cref="Gate"/>.</summary>
    public void Add(StoredRecord record, SimChange created)
    {
        byId.Add(record.Id, record);
        index.Add(KeyOf(record), record);
        Append(created);
    }

    /// <summary>Moves every record's last change <paramref name="seconds"/> later (after a clock step forward). The caller holds <see cref="Gate"/>.</summary>
    public void ShiftChanges(long seconds)
    {
        foreach (var record in byId.Values)
        {
            record.ChangedSecond += seconds;
        }
    }

    /// <summary>
    /// Files a change already made to <paramref name="record"/>'s fields: moves its updated_at to
    /// <paramref name="second"/> (unless UpdatedAtFollowsChanges is off) and records the change with the
    /// updated_at the record now has. The caller holds <see cref="Gate"/>.
    /// </summary>
    public void Changed(StoredRecord record, long second, string updatedText, SimChange change)
    {
        record.ChangedSecond = second;
        if (updatedFollowsChanges)
        {
            if (byUpdated)
            {
                index.Remove(KeyOf(record));
            }

            record.UpdatedSecond = second;
            record.Record.UpdatedAt = updatedText;
            if (byUpdated)
            {
                index.Add(KeyOf(record), record);
            }
        }

        change.UpdatedAt = record.Record.UpdatedAt!;
        Append(change);
    }

    /// <summary>A copy of one record, or null.</summary>
    public ChatRecord? Find(long id)
    {
        lock (Gate)
        {
            return byId.TryGetValue(id, out var stored) ? stored.Record.Clone() : null;
        }
    }

    /// <summary>A page of copies.</summary>
    public RecordPage Query(RecordQuery query)
    {
        lock (Gate)
        {
            var (total, records) = Select(query);
            return new RecordPage(total, records.ConvertAll(static r => r.Record.Clone()));
        }
    }

    /// <summary>The stored records of a page themselves, to change. The caller holds <see cref="Gate"/>.</summary>
    public List<StoredRecord> PageOf(RecordQuery query) => Select(query).Records;

    public ChangesPage ChangesAfter(long after, int limit)
    {
        lock (Gate)
        {
            var from = (int)Math.Clamp(after, 0, changes.Count);
            var count = Math.Min(limit, changes.Count - from);
            return new ChangesPage
            {
                LastSeq = count > 0 ? from + count : after,
                LatestSeq = changes.Count,
                Changes = changes.GetRange(from, count),
            };
        }
    }

    private (int Total, List<StoredRecord> Records) Select(RecordQuery query)
    {
        var skip = (long)(query.PageNumber - 1) * query.PageSize;
        var lo = query.StartSecond is { } start ? index.Rank(new SortKey(start, long.MinValue)) : 0;
        var hi = query.EndSecond is { } end ? index.Rank(new SortKey(end + 1, long.MinValue)) : index.Count;
        hi = Math.Max(lo, hi);
        return query.HasFieldFilter ? Scan(query, lo, hi, skip) : Slice(query, lo, hi, skip);
    }

    private (int Total, List<StoredRecord> Records) Slice(RecordQuery query, int lo, int hi, long skip)
    {
        var total = hi - lo;
        if (skip >= total)
        {
            return (total, []);
        }

        var count = (int)Math.Min(query.PageSize, total - skip);
        var (from, to) = query.Ascending ? (lo + (int)skip, lo + (int)skip + count) : (hi - (int)skip - count, hi - (int)skip);
        var items = new List<StoredRecord>(count);
        foreach (var entry in index.Range(from, to, query.Ascending))
        {
            items.Add(entry.Record);
        }

        return (total, items);
    }

    // Exact-match filters have no index of their own: the window is scanned, which is fine for their use.
    private (int Total, List<StoredRecord> Records) Scan(RecordQuery query, int lo, int hi, long skip)
    {
        var total = 0;
        var items = new List<StoredRecord>(query.PageSize);
        foreach (var entry in index.Range(lo, hi, query.Ascending))
        {
            if (Matches(entry.Record.Record, query))
            {
                if (total >= skip && items.Count < query.PageSize)
                {
                    items.Add(entry.Record);
                }

                total++;
            }
        }

        return (total, items);
    }

    private static bool Matches(ChatRecord record, RecordQuery query) =>
        (query.CustomerId is null || string.Equals(record.CustomerId, query.CustomerId, StringComparison.Ordinal)) &&
        (query.ConversationId is null || string.Equals(record.ConversationId, query.ConversationId, StringComparison.Ordinal)) &&
        (query.BusinessChannelId is null || string.Equals(record.UserChannelId, query.BusinessChannelId, StringComparison.Ordinal)) &&
        (query.AgentAccount is null || string.Equals(record.AgentAccount, query.AgentAccount, StringComparison.Ordinal));

    private SortKey KeyOf(StoredRecord record) => new(byUpdated ? record.UpdatedSecond : record.CreatedSecond, record.Id);

    private void Append(SimChange change)
    {
        change.Seq = changes.Count + 1;
        change.Tenant = tenant;
        changes.Add(change);
        journal?.Append(change);
    }
}
