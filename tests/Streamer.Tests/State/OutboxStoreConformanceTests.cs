using Streamer.Worker.Outbox;

namespace Streamer.Tests.State;

/// <summary>The contract of <see cref="IOutboxStore"/>: entries arrive through the state store's commit, as in the worker.</summary>
public abstract class OutboxStoreConformanceTests : StateBackendConformance
{
    [Fact]
    public async Task Commit_WithEntries_NumbersThemInOrderAndReadsBackTheirBytes()
    {
        var entries = Entries("a", 5);

        await CommitAsync("a", Cursor(), outbox: entries);
        var read = await Outbox.ReadAsync(0, 100, CancellationToken.None);

        Assert.Equal(entries.Select(e => e.EventId), read.Select(e => e.EventId));
        Assert.Equal(entries.Select(e => e.Seq), read.Select(e => e.Seq));
        Assert.True(entries.Select(e => e.Seq).Order().SequenceEqual(entries.Select(e => e.Seq)) && entries.Select(e => e.Seq).Distinct().Count() == 5);
        Assert.All(read.Zip(entries), p =>
        {
            Assert.Equal(p.Second.Body, p.First.Body);
            Assert.Equal((p.Second.Account, p.Second.OrderKey, p.Second.Type), (p.First.Account, p.First.OrderKey, p.First.Type));
            Assert.Null(p.First.Message);
        });
        Assert.Equal(new OutboxDepthReading(5, entries.Sum(e => (long)e.Body.Length)), Outbox.Depth);
    }

    [Fact]
    public async Task Read_AfterASeqWithALimit_ReturnsTheNextOnesInOrder()
    {
        var entries = Entries("a", 6);
        await CommitAsync("a", Cursor(), outbox: entries[..3]);
        await CommitAsync("b", Cursor(), outbox: entries[3..]);

        var read = await Outbox.ReadAsync(entries[1].Seq, 3, CancellationToken.None);

        Assert.Equal(entries[2..5].Select(e => e.EventId), read.Select(e => e.EventId));
    }

    [Fact]
    public async Task Delete_SomeEntries_LeavesTheOthersAndCountsWhatWaits()
    {
        var entries = Entries("a", 4);
        await CommitAsync("a", Cursor(), outbox: entries);

        await Outbox.DeleteAsync([entries[0], entries[2]], CancellationToken.None);

        Assert.Equal([entries[1].EventId, entries[3].EventId], (await Outbox.ReadAsync(0, 100, CancellationToken.None)).Select(e => e.EventId));
        Assert.Equal(new OutboxDepthReading(2, entries[1].Body.Length + entries[3].Body.Length), Outbox.Depth);
        Assert.Equal(Outbox.Depth, await Outbox.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reopen_AfterEverythingWasDeleted_KeepsNumberingUpwards()
    {
        var first = Entries("a", 3);
        await CommitAsync("a", Cursor(), outbox: first);
        await Outbox.DeleteAsync(first, CancellationToken.None);

        await ReopenAsync();
        var second = Entries("a", 2);
        await CommitAsync("a", Cursor(), outbox: second);

        Assert.True(second[0].Seq > first[^1].Seq, $"{second[0].Seq} after {first[^1].Seq}");
        Assert.Equal(new OutboxDepthReading(2, second.Sum(e => (long)e.Body.Length)), await Outbox.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reopen_EntriesNotDeleted_AreStillThere()
    {
        var entries = Entries("a", 3);
        await CommitAsync("a", Cursor(), outbox: entries);

        await ReopenAsync();

        Assert.Equal(entries.Select(e => e.EventId), (await Outbox.ReadAsync(0, 100, CancellationToken.None)).Select(e => e.EventId));
        Assert.Equal(3, (await Outbox.CountAsync(CancellationToken.None)).Rows);
    }

    [Fact]
    public async Task Reopen_EntriesWithAndWithoutTraceContext_ReadBackAsWritten()
    {
        var plain = Entries("a", 2);
        var traced = plain.Select((e, i) => new OutboxEntry(e.Account, e.OrderKey, e.EventId, e.Type, e.Body, message: null)
        {
            TraceParent = $"00-0af7651916cd43dd8448eb211c80319{i}-b7ad6b716920333{i}-01",
            TraceState = i == 0 ? "vendor=1,other=x" : null,
        }).ToArray();

        await CommitAsync("a", Cursor(), outbox: [.. traced, .. Entries("a", 1)]);
        await ReopenAsync();
        var read = await Outbox.ReadAsync(0, 100, CancellationToken.None);

        Assert.Equal(
            [(traced[0].TraceParent, "vendor=1,other=x"), (traced[1].TraceParent, null), (null, null)],
            read.Select(e => (e.TraceParent, e.TraceState)));
    }

    private static OutboxEntry[] Entries(string account, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new OutboxEntry(account, $"r{i % 2}", Guid.NewGuid(), "ChatMessageCreated", System.Text.Encoding.UTF8.GetBytes($"{{\"n\":{i},\"s\":\"{new string('x', i * 7)}\"}}"), message: null))];
}
