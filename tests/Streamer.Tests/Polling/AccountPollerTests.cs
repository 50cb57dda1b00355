using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Streamer.Contracts;
using Streamer.Worker;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;
using Streamer.Worker.Polling;
using Streamer.Worker.Publishing;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;
using Streamer.Tests.Outbox;

namespace Streamer.Tests.Polling;

public sealed class AccountPollerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    // The window ends the safety lag before now.
    private static readonly DateTimeOffset To = Now.AddSeconds(-2);

    private readonly FakeTimeProvider time = new(Now);
    private readonly TestMeterFactory meters = new();
    private readonly InMemoryOutboxStore outboxStore = new();
    private readonly AccountHealth health;

    public AccountPollerTests() => health = new AccountHealth(time, new StreamerMetrics(meters));

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task PollOnceAsync_WindowOfSeveralSlices_WritesTheCursorOncePerSlice()
    {
        // A budget of two records per slice and a re-scan of the last minute on every poll.
        var options = Options(new RescanTier { Horizon = TimeSpan.FromMinutes(1), Every = TimeSpan.Zero });
        var runs = new Dictionary<string, DateTimeOffset> { ["1m"] = Now.AddHours(-1) };
        var store = new FakeStateStore(new AccountCursor(To.AddMinutes(-1), SnapshotDone: false, runs));
        var handler = PageHandler.Serving(
        [
            TestApi.Record("a", To.AddSeconds(-50)),
            TestApi.Record("b", To.AddSeconds(-50)),
            TestApi.Record("c", To.AddSeconds(-5)),
            TestApi.Record("d", To.AddSeconds(-5)),
        ]);

        await Poller(options, store, handler).PollOnceAsync(CancellationToken.None);

        // A slice is a read that was not cut: within the budget, or a single second.
        var slices = handler.Requests.Count(r => r.Page == 1 && (r.Total <= 2 || r.Start == r.End));
        var commits = store.Commits;
        Assert.True(slices > 1);
        Assert.Equal(slices, commits.Count);
        Assert.Equal(4, commits.Sum(c => c.Snapshots.Count));
        Assert.Equal(commits.Select(c => c.Cursor.Position).Order(), commits.Select(c => c.Cursor.Position));
        Assert.All(commits.SkipLast(1), c =>
        {
            Assert.False(c.Cursor.SnapshotDone);
            Assert.Same(runs, c.Cursor.TierRuns);
        });

        // The tier runs and the end of the snapshot ride on the last slice's commit.
        var last = commits[^1].Cursor;
        Assert.Equal(To, last.Position);
        Assert.True(last.SnapshotDone);
        Assert.Equal(Now, last.TierRuns["1m"]);
    }

    [Fact]
    public async Task PollOnceAsync_EmptyWindowChangingNothing_WritesNothing()
    {
        var options = Options(new RescanTier { Horizon = TimeSpan.FromHours(1), Every = TimeSpan.FromHours(1) });
        var runs = new Dictionary<string, DateTimeOffset> { ["1h"] = Now.AddMinutes(-1) };
        var store = new FakeStateStore(new AccountCursor(Now.AddMinutes(1), SnapshotDone: true, runs));
        var handler = PageHandler.Serving([]);

        await Poller(options, store, handler).PollOnceAsync(CancellationToken.None);

        Assert.Empty(store.Commits);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task PollOnceAsync_EmptyWindowEndingTheSnapshot_WritesTheCursorAlone()
    {
        var options = Options(new RescanTier { Horizon = TimeSpan.FromHours(1), Every = TimeSpan.FromHours(1) });
        var runs = new Dictionary<string, DateTimeOffset> { ["1h"] = Now.AddMinutes(-1) };
        var store = new FakeStateStore(new AccountCursor(Now.AddMinutes(1), SnapshotDone: false, runs));

        await Poller(options, store, PageHandler.Serving([])).PollOnceAsync(CancellationToken.None);

        var commit = Assert.Single(store.Commits);
        Assert.True(commit.Cursor.SnapshotDone);
        Assert.Equal(Now.AddMinutes(1), commit.Cursor.Position);
        Assert.Empty(commit.Snapshots);
    }

    [Fact]
    public async Task PollOnceAsync_CommitFails_CursorStaysAndTheNextPollCommitsTheRecordWithItsEvent()
    {
        var options = Options(new RescanTier { Horizon = TimeSpan.FromMinutes(1), Every = TimeSpan.Zero });
        var store = new FakeStateStore(new AccountCursor(To.AddMinutes(-1), SnapshotDone: true, new Dictionary<string, DateTimeOffset>()));
        var poller = Poller(options, store, PageHandler.Serving([TestApi.Record("a", To.AddSeconds(-10))]));
        store.Failure = new IOException("disk full");

        await Assert.ThrowsAsync<IOException>(() => poller.PollOnceAsync(CancellationToken.None));
        Assert.Empty(store.Commits);
        Assert.Equal(To.AddMinutes(-1), store.Cursor!.Position);

        store.Failure = null;
        await poller.PollOnceAsync(CancellationToken.None);

        var commit = Assert.Single(store.Commits);
        Assert.Equal(["a"], commit.Snapshots.Select(s => s.RecordId));
        Assert.IsType<ChatMessageCreated>(Assert.Single(commit.Outbox).Message);
        Assert.Equal(To, commit.Cursor.Position);
    }

    [Fact]
    public async Task PollOnceAsync_OutboxFull_ReadsNothingUntilTheRelayMadeRoom()
    {
        var options = Options(new RescanTier { Horizon = TimeSpan.FromMinutes(1), Every = TimeSpan.Zero });
        var store = new FakeStateStore(new AccountCursor(To.AddMinutes(-1), SnapshotDone: true, new Dictionary<string, DateTimeOffset>()));
        var handler = PageHandler.Serving([TestApi.Record("a", To.AddSeconds(-10))]);
        outboxStore.Add(Enumerable.Range(0, 10).Select(i => new OutboxEntry("acc", $"r{i}", Guid.NewGuid(), "T", new byte[10], message: null)));

        var polling = Poller(options, store, handler, new OutboxOptions { MaxRows = 10 }).PollOnceAsync(CancellationToken.None);
        for (var i = 0; i < 20; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5);
        }

        Assert.False(polling.IsCompleted);
        Assert.Empty(handler.Requests);

        // Below 90% of the limit polling goes on.
        await outboxStore.DeleteAsync((await outboxStore.ReadAsync(0, 2, CancellationToken.None)).ToList(), CancellationToken.None);
        while (!polling.IsCompleted)
        {
            time.Advance(TimeSpan.FromMilliseconds(250));
            await Task.Delay(5);
        }

        await polling;
        Assert.NotEmpty(handler.Requests);
        Assert.Single(store.Commits);
    }

    [Fact]
    public async Task PollOnceAsync_CursorSavedAYearAhead_ClampedToNowAndStreamingGoesOn()
    {
        var options = Options(new RescanTier { Horizon = TimeSpan.FromHours(1), Every = TimeSpan.FromMinutes(30) });
        options.Overlap = TimeSpan.FromSeconds(30);
        var ahead = Now.AddYears(1);
        var store = new FakeStateStore(new AccountCursor(ahead, SnapshotDone: true, new Dictionary<string, DateTimeOffset> { ["1h"] = ahead }));
        var handler = PageHandler.Serving([TestApi.Record("a", To.AddSeconds(-10))]);

        var position = await Poller(options, store, handler).PollOnceAsync(CancellationToken.None);

        var commit = Assert.Single(store.Commits);
        Assert.Equal(["a"], commit.Snapshots.Select(s => s.RecordId));
        Assert.Equal(Now, commit.Cursor.Position);
        Assert.Equal(Now, commit.Cursor.TierRuns["1h"]);
        Assert.Equal(Now, position);
        Assert.Equal(Now, health.Of(TestApi.Account.Name).LastProgress);
    }

    [Fact]
    public async Task PollOnceAsync_EmptyWindow_NoProgressReported()
    {
        var options = Options(new RescanTier { Horizon = TimeSpan.FromHours(1), Every = TimeSpan.FromHours(1) });
        var store = new FakeStateStore(new AccountCursor(Now, SnapshotDone: true, new Dictionary<string, DateTimeOffset> { ["1h"] = Now.AddMinutes(-1) }));

        await Poller(options, store, PageHandler.Serving([])).PollOnceAsync(CancellationToken.None);

        Assert.Null(health.Of(TestApi.Account.Name).LastProgress);
    }

    private static PollingOptions Options(RescanTier tier) => new()
    {
        FilterOn = TimeFilter.CreatedAt,
        PageSize = 2,
        MaxPagesPerSlice = 1,
        PageConcurrency = 1,
        SafetyLag = TimeSpan.FromSeconds(2),
        Overlap = TimeSpan.Zero,
        Rescans = [tier],
    };

    private AccountPoller Poller(PollingOptions options, FakeStateStore store, PageHandler handler, OutboxOptions? outbox = null)
    {
        var metrics = new StreamerMetrics(meters);
        var logger = NullLogger.Instance;
        var account = TestApi.Account;
        var filter = new FilterSense(account, options, new FilterProbe(TestApi.Client(handler), Polly.ResiliencePipeline.Empty), new FilterBoard(metrics), logger);
        var cursors = new CursorBook(account, options, filter, store, metrics, logger);
        var outboxOptions = Microsoft.Extensions.Options.Options.Create(outbox ?? new OutboxOptions());
        var inlet = new OutboxInlet(new OutboxFeed(outboxOptions), new OutboxBackpressure(outboxStore, outboxOptions, time, metrics, NullLogger<OutboxBackpressure>.Instance));
        var observer = new RecordObserver(account.Name, new RabbitOptions().MaxMessageBytes, metrics, logger);
        var pipeline = new SlicePipeline(account, store, inlet, new RejectionReporter(account, time, metrics, logger), observer, archiveMedia: false);
        var passes = new PassMeter(account.Name, options.Interval, time, metrics, logger);
        var window = new WindowStreamer(account, options, TestApi.Reader(handler, options, time, metrics), pipeline, cursors, passes, health);
        var schedule = new PollSchedule(account.Name, options.Interval, options, time, metrics, health, logger);
        var upkeep = new PollUpkeep(filter, cursors, new PollPruner(account.Name, options, TimeSpan.FromMinutes(10), store, logger));
        return new AccountPoller(account, schedule, cursors, window, upkeep, time, logger);
    }
}
