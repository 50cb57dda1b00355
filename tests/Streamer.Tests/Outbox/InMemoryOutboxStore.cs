using Streamer.Worker.Outbox;

namespace Streamer.Tests.Outbox;

/// <summary>An outbox table in memory: sequence numbers given on add, as the state store's commit does.</summary>
internal sealed class InMemoryOutboxStore : IOutboxStore
{
    private readonly SortedDictionary<long, OutboxEntry> rows = [];
    private long next;

    public int Deletes { get; private set; }

    public long Deleted { get; private set; }

    public OutboxDepthReading Depth
    {
        get
        {
            lock (rows)
            {
                return new(rows.Count, rows.Values.Sum(e => (long)e.Body.Length));
            }
        }
    }

    public IReadOnlyList<long> Seqs
    {
        get
        {
            lock (rows)
            {
                return [.. rows.Keys];
            }
        }
    }

    /// <summary>What a commit does: numbers the entries and keeps them.</summary>
    public void Add(IEnumerable<OutboxEntry> entries)
    {
        lock (rows)
        {
            foreach (var entry in entries)
            {
                entry.Seq = ++next;

                // The store keeps the bytes, not the object: a read gives what a restart would read.
                rows[entry.Seq] = new OutboxEntry(entry.Account, entry.OrderKey, entry.EventId, entry.Type, entry.Body, message: null) { Seq = entry.Seq };
            }
        }
    }

    public Task<IReadOnlyList<OutboxEntry>> ReadAsync(long afterSeq, int limit, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            return Task.FromResult<IReadOnlyList<OutboxEntry>>(rows.Where(r => r.Key > afterSeq).Take(limit).Select(r => r.Value).ToList());
        }
    }

    public Task DeleteAsync(IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        lock (rows)
        {
            Deletes++;
            foreach (var entry in entries)
            {
                Deleted += rows.Remove(entry.Seq) ? 1 : 0;
            }
        }

        return Task.CompletedTask;
    }

    public Task<OutboxDepthReading> CountAsync(CancellationToken cancellationToken) => Task.FromResult(Depth);
}
