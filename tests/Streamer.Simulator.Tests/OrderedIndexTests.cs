using Streamer.Simulator.Store;

namespace Streamer.Simulator.Tests;

/// <summary>The simulator's chunked index against a plain sorted reference, through many chunk splits and removals.</summary>
public sealed class OrderedIndexTests
{
    [Fact]
    public void AddRemoveRankRange_RandomOperations_MatchASortedReference()
    {
        var random = new Random(17);
        var index = new OrderedIndex();
        var reference = new SortedSet<SortKey>();
        var record = new StoredRecord(0, new ChatRecord(), 0, 0);
        for (var step = 0; step < 20_000; step++)
        {
            var key = new SortKey(random.Next(0, 300), random.Next(0, 1_000));
            if (random.Next(3) == 0 && reference.Count > 0)
            {
                var victim = reference.ElementAt(random.Next(reference.Count));
                Assert.True(index.Remove(victim));
                reference.Remove(victim);
            }
            else if (reference.Add(key))
            {
                index.Add(key, record);
            }

            if (step % 1_000 == 0)
            {
                AssertSame(index, reference, random);
            }
        }

        AssertSame(index, reference, random);
        Assert.False(index.Remove(new SortKey(-1, -1)));
    }

    [Fact]
    public void Add_DuplicateKey_Throws()
    {
        var index = new OrderedIndex();
        var record = new StoredRecord(1, new ChatRecord(), 0, 0);
        index.Add(new SortKey(1, 1), record);

        Assert.Throws<InvalidOperationException>(() => index.Add(new SortKey(1, 1), record));
    }

    private static void AssertSame(OrderedIndex index, SortedSet<SortKey> reference, Random random)
    {
        var sorted = reference.ToList();
        Assert.Equal(sorted.Count, index.Count);
        Assert.Equal(sorted, index.Range(0, index.Count, ascending: true).Select(e => e.Key));
        for (var i = 0; i < 20; i++)
        {
            var probe = new SortKey(random.Next(-1, 302), random.Next(-1, 1_001));
            Assert.Equal(sorted.Count(k => k.CompareTo(probe) < 0), index.Rank(probe));
            var from = random.Next(0, sorted.Count + 1);
            var to = random.Next(from, sorted.Count + 1);
            Assert.Equal(sorted.Skip(from).Take(to - from), index.Range(from, to, ascending: true).Select(e => e.Key));
            Assert.Equal(sorted.Skip(from).Take(to - from).Reverse(), index.Range(from, to, ascending: false).Select(e => e.Key));
        }
    }
}
