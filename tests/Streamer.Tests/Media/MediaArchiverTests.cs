using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Streamer.Contracts;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

public sealed class MediaArchiverTests : IAsyncLifetime
{
    private const int MediaRetryEvent = 23;
    private const int DiskFullEvent = 111;
    private const int DiskStillFullEvent = 112;
    private const int DiskRoomEvent = 113;
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly string root = Path.Combine(Path.GetTempPath(), $"streamer-archiver-test-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider time = new(Start);
    private readonly ConcurrentQueue<string> journal = new();
    private readonly MediaServer server = new();
    private readonly InMemoryContentStore content = new();
    private readonly RecordingLogger<MediaDownloadRounds> roundsLog = new();
    private readonly RecordingLogger<MediaDiskPause> pauseLog = new();
    private readonly MetricsRecorder meters = new();
    private InMemoryMediaJobStore store = null!;
    private RecordingEventPublisher publisher = null!;
    private HttpClient? http;
    private MediaArchiver? archiver;
    private MediaDiskPause pause = null!;

    public Task InitializeAsync()
    {
        store = new InMemoryMediaJobStore(journal);
        publisher = new RecordingEventPublisher(journal);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (archiver is not null)
        {
            await archiver.StopAsync(CancellationToken.None);
            archiver.Dispose();
        }

        http?.Dispose();
        server.Dispose();
        meters.Dispose();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Run_MoreDueJobsThanSlots_AtMostConcurrencyDownloadsAndEverySlotRefilledAtOnce()
    {
        string[] names = ["a", "b", "c", "d", "e"];
        foreach (var name in names)
        {
            Serve(name, MediaBodies.Jpeg(1, 2, 3));
            server.Hold(name);
            store.Add(Job(name), Start);
        }

        await StartAsync(o => o.Concurrency = 2);

        // The clock never moves: each freed slot is refilled by the loop itself, not by its next poll.
        for (var released = 0; released < names.Length; released++)
        {
            await Until(() => server.Waiting == Math.Min(2, names.Length - released), "the free slots to be filled");
            server.ReleaseOne();
            await Until(() => publisher.Confirmed.Count == released + 1, "the released download to be published");
        }

        Assert.Equal(2, server.Peak);
        Assert.Equal(names, publisher.Confirmed.Select(o => o.RecordId).Order());
        Assert.All(names, n => Assert.Null(store.Find(n)));
        Assert.Equal(Start, time.GetUtcNow());
    }

    [Fact]
    public async Task Run_JobWaitingForItsNextRound_HoldsNoSlot()
    {
        Fail("failing", HttpStatusCode.ServiceUnavailable);
        Serve("next", MediaBodies.Jpeg(4, 5, 6));
        server.Hold("next");
        store.Add(Job("failing"), Start.AddSeconds(-1));
        store.Add(Job("next"), Start);

        await StartAsync(o => o.Concurrency = 1);

        // With the one slot taken by the waiting job, "next" would not be requested before the clock moves. The
        // slot is free once the failed round ended; its reschedule may be saved a moment after "next" started.
        await Until(() => server.Waiting == 1, "the second job to download while the first waits");
        await Until(() => store.Reschedules.Count == 1, "the failed round to be saved");
        Assert.Equal(new[] { "failing", "next" }, server.Requests);
        Assert.Equal(("failing", 1, Start + RetryDelay), Assert.Single(store.Reschedules));
        Assert.Equal(Start, time.GetUtcNow());

        server.ReleaseOne();
        await Until(() => publisher.Confirmed.Count == 1, "the second job to be published");
        var later = MediaBodies.Jpeg(7, 8);
        Serve("failing", later);
        time.Advance(RetryDelay);
        await Until(() => publisher.Confirmed.Count == 2, "the first job's second round");

        Assert.Equal(2, server.Count("failing"));
        Assert.Equal(later.Length, Assert.IsType<ChatMediaArchived>(publisher.Confirmed.Last()).Size);
    }

    [Fact]
    public async Task Run_RoundFails_SavesItsAttemptAndNextDueTimeBeforeWaiting()
    {
        Fail("r1", HttpStatusCode.InternalServerError);
        store.Add(Job("r1"), Start);

        await StartAsync(o => o.RetryDelay = TimeSpan.FromSeconds(7));

        await Until(() => store.Reschedules.Count == 1, "the failed round to be saved");
        var (pending, due) = store.Find("r1")!.Value;
        Assert.Equal((1, Start.AddSeconds(7)), (pending.Attempts, due));
        Assert.Null(pending.Outcome);
        Assert.Equal(1, server.Count("r1"));
    }

    [Fact]
    public async Task Run_DownloadKeepsFailing_RoundsWaitDoublingDelaysCappedAtFiveMinutes()
    {
        Fail("r1", HttpStatusCode.BadGateway);
        store.Add(Job("r1"), Start);

        await StartAsync(o => o.MaxAttempts = 12);
        await RunClockUntil(() => publisher.Confirmed.Count == 1, TimeSpan.FromSeconds(30));

        int[] seconds = [1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300];
        Assert.Equal(seconds.Select(s => TimeSpan.FromSeconds(s)), roundsLog.Values<TimeSpan>(MediaRetryEvent, "Delay"));
        Assert.Equal(Enumerable.Range(1, 11), roundsLog.Values<int>(MediaRetryEvent, "Attempt"));
        Assert.Equal(Enumerable.Range(1, 11), store.Reschedules.Select(r => r.Attempts));
        Assert.Equal(12, server.Count("r1"));
    }

    [Fact]
    public async Task Run_DownloadFailsMaxAttemptsRounds_PublishesUnavailable()
    {
        Fail("r1", HttpStatusCode.ServiceUnavailable);
        store.Add(Job("r1"), Start);

        await StartAsync(o => o.MaxAttempts = 3);
        await RunClockUntil(() => publisher.Confirmed.Count == 1, TimeSpan.FromSeconds(1));

        var failed = Assert.IsType<ChatMediaArchiveFailed>(Assert.Single(publisher.Confirmed));
        Assert.Equal((MediaArchiveFailure.Unavailable, 3), (failed.Reason, failed.Attempts));
        Assert.Equal(3, server.Count("r1"));
        Assert.Null(store.Find("r1"));
    }

    [Fact]
    public async Task Run_ResumedAfterFailedRounds_GoesOnWithItsCountAndBackOff()
    {
        Fail("r1", HttpStatusCode.ServiceUnavailable);
        store.Add(Job("r1"), Start, attempts: 3);

        await StartAsync(o => o.MaxAttempts = 5);
        await RunClockUntil(() => publisher.Confirmed.Count == 1, TimeSpan.FromSeconds(1));

        Assert.Equal(new[] { TimeSpan.FromSeconds(8) }, roundsLog.Values<TimeSpan>(MediaRetryEvent, "Delay"));
        var failed = Assert.IsType<ChatMediaArchiveFailed>(Assert.Single(publisher.Confirmed));
        Assert.Equal((MediaArchiveFailure.Unavailable, 5), (failed.Reason, failed.Attempts));
        Assert.Equal(2, server.Count("r1"));
    }

    [Fact]
    public async Task Run_LinkExpiresWhileDownloadsFail_PublishesLinkExpired()
    {
        Fail("r1", HttpStatusCode.InternalServerError);
        store.Add(Job("r1", expires: Start.AddSeconds(10)), Start);

        // Rounds at 0 s and 4 s fail before the expiry; the next, 8 s later, fails after it.
        await StartAsync(o => o.RetryDelay = TimeSpan.FromSeconds(4));
        await RunClockUntil(() => publisher.Confirmed.Count == 1, TimeSpan.FromSeconds(1));

        var failed = Assert.IsType<ChatMediaArchiveFailed>(Assert.Single(publisher.Confirmed));
        Assert.Equal((MediaArchiveFailure.LinkExpired, 3), (failed.Reason, failed.Attempts));
        Assert.Equal(3, server.Count("r1"));
    }

    [Fact]
    public async Task Run_Archived_OutcomeSavedThenPublishedThenJobCompleted()
    {
        var bytes = MediaBodies.Jpeg(RandomNumberGenerator.GetBytes(1_000));
        Serve("r1", bytes);
        store.Add(Job("r1"), Start);

        await StartAsync();
        await Until(() => journal.Contains("complete r1"), "the job to complete");

        Assert.Equal(new[] { "save r1", "publish r1", "complete r1" }, journal);
        var archived = Assert.IsType<ChatMediaArchived>(Assert.Single(publisher.Confirmed));
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Equal((sha256, (long)bytes.Length, $"mem://{sha256}", "image/jpeg"), (archived.Sha256, archived.Size, archived.Location, archived.MimeType));
        Assert.Equal(bytes, content.Stored[sha256]);
    }

    [Fact]
    public async Task Run_BrokerFails_JobKeepsItsOutcomeAndIsRepublishedWithTheSameEventId()
    {
        Serve("r1", MediaBodies.Jpeg(1, 2, 3));
        store.Add(Job("r1"), Start);
        publisher.Failures = 1;

        await StartAsync(o => o.RetryDelay = TimeSpan.FromSeconds(5));
        await Until(() => store.Reschedules.Count == 1, "the job to be deferred");

        var (pending, due) = store.Find("r1")!.Value;
        Assert.Equal((1, Start.AddSeconds(5)), (pending.Attempts, due));
        Assert.NotNull(pending.Outcome?.Sha256);
        Assert.Empty(publisher.Confirmed);

        time.Advance(TimeSpan.FromSeconds(5));
        await Until(() => journal.Contains("complete r1"), "the job to be republished");

        var offered = publisher.Offered.ToList();
        Assert.Equal(2, offered.Count);
        Assert.Equal(offered[0].EventId, Assert.Single(publisher.Confirmed).EventId);
        Assert.Equal(1, server.Count("r1"));
    }

    [Fact]
    public async Task Run_ContentStoreFails_DeferredWithoutCountingARound()
    {
        Serve("r1", MediaBodies.Jpeg(1, 2, 3));
        store.Add(Job("r1"), Start);
        content.Failures = 1;

        await StartAsync();
        await Until(() => store.Reschedules.Count == 1, "the job to be deferred");
        Assert.Equal(("r1", 0, Start + RetryDelay), Assert.Single(store.Reschedules));

        time.Advance(RetryDelay);
        await Until(() => publisher.Confirmed.Count == 1, "the job to be archived");

        Assert.IsType<ChatMediaArchived>(Assert.Single(publisher.Confirmed));
        Assert.Equal(1, Assert.Single(store.Saved).Attempts);
        Assert.Equal(2, server.Count("r1"));
    }

    [Fact]
    public async Task Run_SavedOutcome_PublishedWithoutDownloading()
    {
        var saved = new MediaOutcome { At = Start.AddMinutes(-3), Attempts = 2, Sha256 = new string('c', 64), Size = 42, MimeType = "image/png", Location = "mem://saved" };
        store.Add(Job("r1"), Start, attempts: 2, outcome: saved);

        await StartAsync();
        await Until(() => journal.Contains("complete r1"), "the job to complete");

        var archived = Assert.IsType<ChatMediaArchived>(Assert.Single(publisher.Confirmed));
        Assert.Equal((saved.Sha256, saved.Size, saved.Location, saved.At), (archived.Sha256, archived.Size, archived.Location, archived.ArchivedAt));
        Assert.Empty(server.Requests);
        Assert.Equal(new[] { "publish r1", "complete r1" }, journal);
    }

    [Fact]
    public async Task Run_DiskFull_PausesOtherJobsCountsNoAttemptAndResumesByItself()
    {
        Serve("r1", MediaBodies.Jpeg(1, 2, 3));
        Serve("r2", MediaBodies.Jpeg(4, 5, 6));
        store.Add(Job("r1"), Start.AddSeconds(-1));
        store.Add(Job("r2"), Start);
        content.Failure = DiskFullError;
        content.Failures = 3;

        await StartAsync(o => o.Concurrency = 1);
        await Until(() => pause.IsPaused, "the downloads to pause");
        Assert.Equal(1, meters.Observe("streamer.media.paused"));

        // The disk's back-off (1 s, 2 s, 4 s) runs on the clock; r2 waits although the one slot is free.
        await RunClockUntil(() => publisher.Confirmed.Count == 2, TimeSpan.FromSeconds(1));

        Assert.Equal(new[] { "r1", "r1", "r1", "r1", "r2" }, server.Requests);
        Assert.All(publisher.Confirmed, o => Assert.IsType<ChatMediaArchived>(o));
        Assert.Equal(new[] { 1, 1 }, store.Saved.Select(o => o.Attempts));
        Assert.Empty(store.Reschedules);
        Assert.Equal(new[] { RetryDelay }, pauseLog.Values<TimeSpan>(DiskFullEvent, "Delay"));
        Assert.Equal(new[] { RetryDelay * 2, RetryDelay * 4 }, pauseLog.Values<TimeSpan>(DiskStillFullEvent, "Delay"));
        Assert.Single(pauseLog.Values<TimeSpan>(DiskRoomEvent, "Paused"));
        Assert.False(pause.IsPaused);
        Assert.Equal(0, meters.Observe("streamer.media.paused"));
    }

    private static IOException DiskFullError() =>
        new("No space left on device", OperatingSystem.IsWindows() ? unchecked((int)0x80070070) : 28);

    private static MediaJob Job(string name, DateTimeOffset? expires = null) =>
        new() { Account = "acc", TenantId = "1", RecordId = name, MessageId = $"wamid.{name}", ConversationId = "conv", FileName = $"{name}.jpg", MimeType = "image/jpeg", Link = $"https://media.test/{name}", LinkExpiresAt = expires };

    private static async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting for {what}.");
            await Task.Delay(5);
        }
    }

    private void Serve(string name, byte[] bytes) => server.Answer(name, () => MediaServer.Ok(bytes));

    private void Fail(string name, HttpStatusCode status) => server.Answer(name, () => new HttpResponseMessage(status));

    // Moves the fake clock on in steps, so rounds and polls come due, until the condition holds.
    private async Task RunClockUntil(Func<bool> condition, TimeSpan step)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "Timed out running the clock.");
            time.Advance(step);
            await Task.Delay(5);
        }
    }

    private async Task StartAsync(Action<MediaArchiveOptions>? configure = null)
    {
        var settings = new MediaArchiveOptions
        {
            Enabled = true,
            Path = root,
            Concurrency = 2,
            QuickRetries = 0,
            RetryDelay = RetryDelay,
            MaxAttempts = 5,
            RequestTimeout = TimeSpan.FromHours(1),
            PollInterval = TimeSpan.FromSeconds(1),
        };
        configure?.Invoke(settings);
        var options = Options.Create(settings);
        http = new HttpClient(server, disposeHandler: false);
        var downloader = new MediaDownloader(http, options, time, meters.Metrics, NullLogger<MediaDownloader>.Instance);
        pause = new MediaDiskPause(meters.Metrics, time, pauseLog);
        var rounds = new MediaDownloadRounds(downloader, content, store, options, pause, time, roundsLog);
        var outcomes = new MediaOutcomePublisher(publisher, meters.Metrics, NullLogger<MediaOutcomePublisher>.Instance);
        var runner = new MediaJobRunner(store, rounds, outcomes, options, time, NullLogger<MediaJobRunner>.Instance);
        archiver = new MediaArchiver(store, runner, downloader, pause, options, time, NullLogger<MediaArchiver>.Instance);
        await archiver.StartAsync(CancellationToken.None);
    }
}
