using Microsoft.Extensions.Options;
using Streamer.Worker.Outbox;

namespace Streamer.Tests.Outbox;

public sealed class OutboxFeedTests
{
    [Fact]
    public async Task TakeAsync_AfterPosts_ReturnsEntriesInPostOrder()
    {
        var feed = Feed(capacity: 10);
        feed.Post([Entry(1), Entry(2)]);
        feed.Post([Entry(3)]);

        var taken = await feed.TakeAsync(CancellationToken.None);

        Assert.Equal([1L, 2L, 3L], taken!.Select(e => e.Seq));
    }

    [Fact]
    public async Task TakeAsync_Overflowed_ReturnsWhatCameBeforeThenNull()
    {
        var feed = Feed(capacity: 3);
        feed.Post([Entry(1), Entry(2)]);
        feed.Post([Entry(3), Entry(4)]);
        feed.Post([Entry(5)]);

        var first = await feed.TakeAsync(CancellationToken.None);
        var second = await feed.TakeAsync(CancellationToken.None);

        Assert.Equal([1L, 2L], first!.Select(e => e.Seq));
        Assert.Null(second);
    }

    [Fact]
    public async Task Reset_AfterOverflow_TakesPostsAgain()
    {
        var feed = Feed(capacity: 1);
        feed.Post([Entry(1), Entry(2)]);
        feed.Reset();
        feed.Post([Entry(3)]);

        var taken = await feed.TakeAsync(CancellationToken.None);

        Assert.Equal([3L], taken!.Select(e => e.Seq));
    }

    [Fact]
    public async Task TakeAsync_NothingPosted_WaitsForThePost()
    {
        var feed = Feed(capacity: 10);
        var taking = feed.TakeAsync(CancellationToken.None);
        await Task.Delay(20);
        Assert.False(taking.IsCompleted);

        feed.Post([Entry(7)]);

        Assert.Equal([7L], (await taking.WaitAsync(TimeSpan.FromSeconds(5)))!.Select(e => e.Seq));
    }

    [Fact]
    public async Task TakeAsync_StillWaitingWhenReset_ReturnsNullAndLeavesLaterPostsForTheNextTake()
    {
        var feed = Feed(capacity: 10);
        var orphan = feed.TakeAsync(CancellationToken.None);

        feed.Reset();
        feed.Post([Entry(9)]);

        Assert.Null(await orphan.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal([9L], (await feed.TakeAsync(CancellationToken.None))!.Select(e => e.Seq));
    }

    private static OutboxFeed Feed(int capacity) => new(Options.Create(new OutboxOptions { FeedCapacity = capacity }));

    private static OutboxEntry Entry(long seq) => new("a", "r", Guid.NewGuid(), "T", [], message: null) { Seq = seq };
}
