using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Tests.Detection;
using Streamer.Tests.Outbox;
using Streamer.Worker;
using Streamer.Worker.Detection;
using Streamer.Worker.Outbox;
using Streamer.Worker.Polling;
using Streamer.Worker.Publishing;
using Streamer.Worker.State;

namespace Streamer.Tests.Polling;

public sealed class SlicePipelineTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly DetectionContext Context = new("tenant-1", TimeZoneInfo.Utc, ChangeOrigin.Live);
    private static readonly IReadOnlyDictionary<string, DateTimeOffset> NoRuns = new Dictionary<string, DateTimeOffset>();

    private readonly FakeStateStore store = new();
    private readonly OutboxFeed feed = new(Options.Create(new OutboxOptions()));
    private readonly TestMeterFactory meters = new();
    private readonly FakeTimeProvider time = new(Start);
    private readonly StreamerMetrics metrics;
    private readonly SlicePipeline pipeline;

    public SlicePipelineTests()
    {
        metrics = new StreamerMetrics(meters);
        pipeline = Pipeline(new RabbitOptions().MaxMessageBytes);
    }

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task StartAsync_NoBrokerInvolved_CommitsStatesCursorAndEventsTogetherThenFeedsTheRelay()
    {
        var slice = await pipeline.StartAsync([Record("a"), Record("b")], Cursor(1), Context, null, null, CancellationToken.None);

        Assert.True(slice.Commit.IsCompletedSuccessfully);
        var commit = Assert.Single(store.Commits);
        Assert.Equal(Cursor(1), commit.Cursor);
        Assert.Equal(["a", "b"], commit.Snapshots.Select(s => s.RecordId));
        Assert.Equal(["a", "b"], commit.Outbox.Select(e => ((ChatMessageCreated)e.Message!).RecordId));
        Assert.Equal(commit.Outbox.Select(e => e.EventId), (await feed.TakeAsync(CancellationToken.None))!.Select(e => e.EventId));
    }

    [Fact]
    public async Task StartAsync_CommitFails_ThrowsAndHandsNothingToTheRelay()
    {
        store.Failure = new IOException("disk full");

        await Assert.ThrowsAsync<IOException>(() => pipeline.StartAsync([Record("a")], Cursor(1), Context, null, null, CancellationToken.None));

        using var nothing = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => feed.TakeAsync(nothing.Token));
    }

    [Fact]
    public async Task StartAsync_RecordReadInTwoStates_EmitsBothInUpdatedOrderWhateverTheReadOrder()
    {
        // The later state was read first (a later page came back first): updated_at orders them.
        await pipeline.StartAsync([Record("a", "delivered", 5), Record("b"), Record("a", "sent", 0)], Cursor(1), Context, null, null, CancellationToken.None);

        var events = Events(Assert.Single(store.Commits)).Where(e => e.RecordId == "a").ToList();
        Assert.Collection(
            events,
            e => Assert.Equal("sent", Assert.IsType<ChatMessageCreated>(e).Status),
            e => Assert.Equal("delivered", Assert.IsType<ChatMessageStatusChanged>(e).Status));
        Assert.Equal("delivered", store.Commits[0].Snapshots.Single(s => s.RecordId == "a").Status);
    }

    [Fact]
    public async Task StartAsync_ObservationOlderThanTheStoredState_AddsNothing()
    {
        await pipeline.StartAsync([Record("a", "delivered", 5)], Cursor(1), Context, null, null, CancellationToken.None);

        await pipeline.StartAsync([Record("a", "sent", 0)], Cursor(2), Context, null, null, CancellationToken.None);

        Assert.Empty(Events(store.Commits[1]));
        Assert.Empty(store.Commits[1].Snapshots);
    }

    [Fact]
    public async Task StartAsync_RecordInTheNextSlice_ComparedWithTheCommittedState()
    {
        var first = await pipeline.StartAsync([Record("a")], Cursor(1), Context, null, null, CancellationToken.None);

        await pipeline.StartAsync([Record("a", "delivered", 5)], Cursor(2), Context, first, null, CancellationToken.None);

        var step = Assert.Single(Events(store.Commits[1]));
        Assert.Equal("delivered", Assert.IsType<ChatMessageStatusChanged>(step).Status);
        Assert.Equal([Cursor(1), Cursor(2)], store.Commits.Select(c => c.Cursor));
    }

    [Fact]
    public async Task StartAsync_UnreadableRecord_RejectionCommittedOnceThroughTheOutbox()
    {
        var bad = Record("x").With(r => r.UpdatedAt = "yesterday");

        await pipeline.StartAsync([bad, Record("a")], Cursor(1), Context, null, null, CancellationToken.None);
        await pipeline.StartAsync([bad], Cursor(2), Context, null, null, CancellationToken.None);

        var rejected = Assert.Single(store.Commits.SelectMany(c => c.Outbox).Select(e => e.Message).OfType<ChatRecordRejected>());
        Assert.Equal("x", rejected.RecordId);
        Assert.Single(store.Commits[0].Outbox, e => e.Type == nameof(ChatRecordRejected));
    }

    [Theory]
    [InlineData("0000-00-00 00:00:00")]
    [InlineData("")]
    [InlineData(null)]
    public async Task StartAsync_KnownRecordWithUpdatedAtThatIsNoTimestamp_RejectedNotSkippedAsOlder(string? updatedAt)
    {
        await pipeline.StartAsync([Record("a", "delivered", 5)], Cursor(1), Context, null, null, CancellationToken.None);

        await pipeline.StartAsync([Record("a").With(r => r.UpdatedAt = updatedAt)], Cursor(2), Context, null, null, CancellationToken.None);

        var rejected = Assert.Single(store.Commits[1].Outbox.Select(e => e.Message).OfType<ChatRecordRejected>());
        Assert.Equal("a", rejected.RecordId);
        Assert.Contains("updated_at", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(store.Commits[1].Snapshots);
    }

    [Fact]
    public async Task StartAsync_IdsThatCannotKeyTheState_RejectedWithoutReachingTheStoreAndOrderedApart()
    {
        var nul = Record("1\u00002");
        var longId = Record(new string('9', RecordIds.MaxLength + 1));

        await pipeline.StartAsync([nul, longId, Record("a")], Cursor(1), Context, null, null, CancellationToken.None);

        var commit = Assert.Single(store.Commits);
        Assert.Equal(["a"], commit.Snapshots.Select(s => s.RecordId));
        var rejections = commit.Outbox.Where(e => e.Message is ChatRecordRejected).ToList();
        Assert.Equal([nul.Id, longId.Id], rejections.Select(e => ((ChatRecordRejected)e.Message!).RecordId));
        Assert.Equal(["the record id holds control characters", $"the record id is over {RecordIds.MaxLength} characters"], rejections.Select(e => ((ChatRecordRejected)e.Message!).Reason));
        Assert.All(rejections, e => Assert.Equal(string.Empty, e.OrderKey));
        Assert.DoesNotContain(store.Reads.SelectMany(ids => ids), id => id == nul.Id || id == longId.Id);
    }

    [Fact]
    public async Task StartAsync_ZeroDateEastOfUtc_RecordRejectedAndTheSliceCommits()
    {
        var shanghai = Context with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai") };
        var zero = Record("z").With(r => r.CreatedAt = "0001-01-01 00:00:00");

        await pipeline.StartAsync([zero, Record("a")], Cursor(1), shanghai, null, null, CancellationToken.None);

        var commit = Assert.Single(store.Commits);
        Assert.Equal(Cursor(1), commit.Cursor);
        Assert.Equal(["a"], commit.Snapshots.Select(s => s.RecordId));
        var rejected = Assert.Single(commit.Outbox.Select(e => e.Message).OfType<ChatRecordRejected>());
        Assert.Equal("z", rejected.RecordId);
        Assert.Equal("created_at is before 2000", rejected.Reason);
    }

    [Fact]
    public async Task StartAsync_RecordThatThrowsWhileTurnedIntoEvents_RejectedAloneAndTheSliceCommits()
    {
        // A template whose component list holds a null: mapping it to an event throws.
        var broken = Record("t").With(r => r.Template = new ChatRecordTemplate { Name = "t", Components = [null!] });

        await pipeline.StartAsync([broken, Record("a")], Cursor(1), Context, null, null, CancellationToken.None);

        var commit = Assert.Single(store.Commits);
        Assert.Equal(["a"], commit.Snapshots.Select(s => s.RecordId));
        var rejected = Assert.Single(commit.Outbox.Select(e => e.Message).OfType<ChatRecordRejected>());
        Assert.Equal("t", rejected.RecordId);
        Assert.StartsWith("it could not be turned into events (NullReferenceException", rejected.Reason, StringComparison.Ordinal);
        Assert.Single(Events(commit));
    }

    [Fact]
    public async Task StartAsync_EventLargerThanTheBrokerTakes_RejectedInsteadWithoutItsRawJson()
    {
        // 200,000 bytes allowed less the envelope: a record with 150,000 characters of content does not fit.
        var large = Pipeline(200_000);
        var huge = Record("h").With(r => r.Content = new string('x', 150_000));

        await large.StartAsync([huge, Record("a")], Cursor(1), Context, null, null, CancellationToken.None);

        var commit = Assert.Single(store.Commits);
        Assert.Equal(["a"], commit.Snapshots.Select(s => s.RecordId));
        Assert.All(commit.Outbox, e => Assert.True(e.Body.Length <= 200_000 - RabbitOptions.EnvelopeAllowance));
        var rejected = Assert.Single(commit.Outbox.Select(e => e.Message).OfType<ChatRecordRejected>());
        Assert.Equal("h", rejected.RecordId);
        Assert.Contains("ChatMessageCreated event would be", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("Rabbit:MaxMessageBytes", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("raw JSON", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(rejected.RawJson);
    }

    private SlicePipeline Pipeline(int maxMessageBytes)
    {
        var rejections = new RejectionReporter(TestApi.Account, time, metrics, NullLogger.Instance);
        var backpressure = new OutboxBackpressure(new InMemoryOutboxStore(), Options.Create(new OutboxOptions()), time, metrics, NullLogger<OutboxBackpressure>.Instance);
        var observer = new RecordObserver(TestApi.Account.Name, maxMessageBytes, metrics, NullLogger.Instance);
        return new SlicePipeline(TestApi.Account, store, new OutboxInlet(feed, backpressure), rejections, observer, archiveMedia: false);
    }

    private static IEnumerable<ChatMessageEvent> Events(StateCommit commit) => commit.Outbox.Select(e => e.Message).OfType<ChatMessageEvent>();

    private static ChatRecord Record(string id, string status = "sent", int updatedSeconds = 0) =>
        TestApi.Record(id, Start, status, Start.AddSeconds(updatedSeconds));

    // One tier-runs instance for all, so cursors compare by value.
    private static AccountCursor Cursor(int seconds) => new(Start.AddSeconds(seconds), SnapshotDone: true, NoRuns);
}
