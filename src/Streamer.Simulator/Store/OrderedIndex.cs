namespace Streamer.Simulator.Store;

/// <summary>
/// A sorted list of records split into chunks (like a one-level B-tree): insert and remove cost a chunk, and rank
/// and select cost a walk over chunk counts, so a time-window page of a 200k-record store never scans records.
/// </summary>
internal sealed class OrderedIndex
{
    private const int MaxChunk = 512;
    private static readonly IComparer<IndexEntry> ByKey = Comparer<IndexEntry>.Create((a, b) => a.Key.CompareTo(b.Key));
    private readonly List<List<IndexEntry>> chunks = [];

    public int Count { get; private set; }

    /// <summary>Replaces the content with <paramref name="keys"/> (ascending, distinct) and their records, in half-full chunks.</summary>
    public void Load(SortKey[] keys, StoredRecord[] records)
    {
        chunks.Clear();
        const int Fill = MaxChunk / 2;
        for (var at = 0; at < keys.Length; at += Fill)
        {
            var chunk = new List<IndexEntry>(Math.Min(Fill, keys.Length - at));
            for (var i = at; i < Math.Min(keys.Length, at + Fill); i++)
            {
                chunk.Add(new IndexEntry(keys[i], records[i]));
            }

            chunks.Add(chunk);
        }

        Count = keys.Length;
    }

    public void Add(SortKey key, StoredRecord record)
    {
        var entry = new IndexEntry(key, record);
        if (chunks.Count == 0)
        {
            chunks.Add([entry]);
            Count = 1;
            return;
        }

        var c = ChunkFor(key);
        if (c == chunks.Count)
        {
            c--;
        }

        var chunk = chunks[c];
        var at = chunk.BinarySearch(entry, ByKey);
        if (at >= 0)
        {
            throw new InvalidOperationException($"Key {key} is already indexed.");
        }

        chunk.Insert(~at, entry);
        Count++;
        if (chunk.Count > MaxChunk)
        {
            var half = chunk.Count / 2;
            chunks.Insert(c + 1, chunk.GetRange(half, chunk.Count - half));
            chunk.RemoveRange(half, chunk.Count - half);
        }
    }

    public bool Remove(SortKey key)
    {
        var c = ChunkFor(key);
        if (c == chunks.Count)
        {
            return false;
        }

        var chunk = chunks[c];
        var at = chunk.BinarySearch(new IndexEntry(key, null!), ByKey);
        if (at < 0)
        {
            return false;
        }

        chunk.RemoveAt(at);
        Count--;
        if (chunk.Count == 0)
        {
            chunks.RemoveAt(c);
        }

        return true;
    }

    /// <summary>How many entries sort before <paramref name="key"/>.</summary>
    public int Rank(SortKey key)
    {
        var rank = 0;
        foreach (var chunk in chunks)
        {
            if (chunk[^1].Key.CompareTo(key) < 0)
            {
                rank += chunk.Count;
                continue;
            }

            var at = chunk.BinarySearch(new IndexEntry(key, null!), ByKey);
            return rank + (at >= 0 ? at : ~at);
        }

        return rank;
    }

    /// <summary>The entries of ranks [from, to) in ascending order, or descending from to-1 down to from.</summary>
    public IEnumerable<IndexEntry> Range(int from, int to, bool ascending)
    {
        if (from >= to)
        {
            yield break;
        }

        var (c, i) = Locate(ascending ? from : to - 1);
        for (var left = to - from; left > 0; left--)
        {
            var chunk = chunks[c];
            yield return chunk[i];
            if (ascending)
            {
                if (++i == chunk.Count)
                {
                    c++;
                    i = 0;
                }
            }
            else if (--i < 0 && --c >= 0)
            {
                i = chunks[c].Count - 1;
            }
        }
    }

    // First chunk whose last key is >= key (chunks.Count when key is past the end).
    private int ChunkFor(SortKey key)
    {
        int lo = 0, hi = chunks.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (chunks[mid][^1].Key.CompareTo(key) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private (int Chunk, int Index) Locate(int rank)
    {
        for (var c = 0; c < chunks.Count; c++)
        {
            if (rank < chunks[c].Count)
            {
                return (c, rank);
            }

            rank -= chunks[c].Count;
        }

        throw new ArgumentOutOfRangeException(nameof(rank));
    }
}
