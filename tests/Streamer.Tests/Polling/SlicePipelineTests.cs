using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker;
using Streamer.Worker.Detection;
using Streamer.Worker.Polling;
using Streamer.Worker.State;

namespace Streamer.Tests.Polling;

public sealed class SlicePipelineTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly DetectionContext Context = new("tenant-1", TimeZoneInfo.Utc, ChangeOrigin.Live);
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);
    private static readonly IReadOnlyDictionary<string, DateTimeOffset> NoRuns = new Dictionary<string, DateTimeOffset>();

    private readonly FakeStateStore store = new();
    private readonly FakePublisher publisher = new() { Hold = true };
    private readonly TestMeterFactory meters = new();
    private readonly SlicePipeline pipeline;

    public SlicePipelineTests()
    {
        var metrics = new StreamerMetrics(meters);
        var rejections = new RejectionReporter(TestApi.Account, new FakeTimeProvider(Start), metrics, NullLogger.Instance);
        pipeline = new SlicePipeline(TestApi.Account, store, publisher, rejections, metrics, NullLogger.Instance, archiveMedia: false);
    }

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task StartAsync_PublishNotConfirmed_CommitsOnlyOnceConfirmed()
    {
        var slice = await pipeline.StartAsync([Record("a"), Record("b")], Cursor(1), Context, null, CancellationToken.None);
        await publisher.WaitForCallsAsync(1);
        await Task.Delay(Settle);

        Assert.False(slice.Commit.IsCompleted);
        Assert.Empty(store.Commits);

        publisher.Calls[0].Confirm();
        await slice.Commit.WaitAsync(TimeSpan.FromSeconds(10));

        var commit = Assert.Single(store.Commits);
        Assert.Equal(Cursor(1), commit.Cursor);
        Assert.Equal(["a", "b"], commit.Snapshots.Select(s => s.RecordId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task CompleteAsync_PublishFailed_ThrowsAndNothingIsCommitted()
    {
        var slice = await pipeline.StartAsync([Record("a")], Cursor(1), Context, null, CancellationToken.None);

        publisher.Calls[0].Fail(new IOException("broker unreachable"));

        await Assert.ThrowsAsync<IOException>(() => pipeline.CompleteAsync(slice));
        Assert.Empty(store.Commits);
    }

    [Fact]
    public async Task Abandon_AfterAFailedPublish_NextSliceComparesWithTheStore()
    {
        var failed = await pipeline.StartAsync([Record("a")], Cursor(1), Context, null, CancellationToken.None);
        publisher.Calls[0].Fail(new IOException("broker unreachable"));
        await Assert.ThrowsAsync<IOException>(() => pipeline.CompleteAsync(failed));

        pipeline.Abandon();
        var retried = await pipeline.StartAsync([Record("a")], Cursor(1), Context, null, CancellationToken.None);
        publisher.Calls[1].Confirm();
        await pipeline.CompleteAsync(retried);

        // Nothing reached the store, so the record is new again and its creation is published again.
        Assert.Contains(publisher.Calls[1].Events, e => e is ChatMessageCreated { RecordId: "a" });
        Assert.Single(store.Commits);
    }

    [Fact]
    public async Task StartAsync_RecordUnconfirmedInPreviousSlice_PublishesAfterItsCommit()
    {
        var first = await pipeline.StartAsync([Record("a"), Record("b")], Cursor(1), Context, null, CancellationToken.None);

        var starting = pipeline.StartAsync([Record("a", "delivered", 5), Record("c")], Cursor(2), Context, first, CancellationToken.None);
        await Task.Delay(Settle);

        Assert.False(starting.IsCompleted);
        Assert.Single(publisher.Calls);

        publisher.Calls[0].Confirm();
        var second = await starting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, publisher.Calls.Count);
        Assert.Equal(Cursor(1), Assert.Single(store.Commits).Cursor);

        // a's step is detected against the first slice's state, not yet in the store: a status change, not a creation.
        Assert.Contains(publisher.Calls[1].Events, e => e is ChatMessageStatusChanged { RecordId: "a", Status: "delivered" });
        Assert.DoesNotContain(publisher.Calls[1].Events, e => e is ChatMessageCreated { RecordId: "a" });
        publisher.Calls[1].Confirm();
        await pipeline.CompleteAsync(second);
    }

    [Fact]
    public async Task StartAsync_NoRecordShared_PublishesWithoutWaiting()
    {
        var first = await pipeline.StartAsync([Record("a")], Cursor(1), Context, null, CancellationToken.None);

        await pipeline.StartAsync([Record("c")], Cursor(2), Context, first, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(2, publisher.Calls.Count);
        Assert.Empty(store.Commits);
    }

    [Fact]
    public async Task StartAsync_LaterSliceConfirmedFirst_CommitsInSliceOrder()
    {
        var first = await pipeline.StartAsync([Record("a")], Cursor(1), Context, null, CancellationToken.None);
        var second = await pipeline.StartAsync([Record("c")], Cursor(2), Context, first, CancellationToken.None);

        publisher.Calls[1].Confirm();
        await Task.Delay(Settle);

        Assert.False(second.Commit.IsCompleted);
        Assert.Empty(store.Commits);

        publisher.Calls[0].Confirm();
        await second.Commit.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([Cursor(1), Cursor(2)], store.Commits.Select(c => c.Cursor));
    }

    [Fact]
    public async Task StartAsync_PreviousSliceFailed_LaterSliceIsNotCommitted()
    {
        var first = await pipeline.StartAsync([Record("a")], Cursor(1), Context, null, CancellationToken.None);
        var second = await pipeline.StartAsync([Record("c")], Cursor(2), Context, first, CancellationToken.None);

        publisher.Calls[1].Confirm();
        publisher.Calls[0].Fail(new IOException("broker unreachable"));

        await Assert.ThrowsAsync<IOException>(() => second.Commit.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(store.Commits);
    }

    private static ChatRecord Record(string id, string status = "sent", int updatedSeconds = 0) =>
        TestApi.Record(id, Start, status, Start.AddSeconds(updatedSeconds));

    // One tier-runs instance for all, so cursors compare by value.
    private static AccountCursor Cursor(int seconds) => new(Start.AddSeconds(seconds), SnapshotDone: true, NoRuns);
}
