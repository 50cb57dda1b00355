using Microsoft.Extensions.Options;
using Streamer.Contracts;
using Streamer.Worker.Media;
using Streamer.Worker.State;

namespace Streamer.Tests.Media;

public sealed class SqliteMediaJobStoreTests : IAsyncLifetime
{
    private static readonly AccountCursor Cursor = new(DateTimeOffset.UnixEpoch, true, new Dictionary<string, DateTimeOffset>());
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private readonly string path = Path.Combine(Path.GetTempPath(), $"streamer-test-{Guid.NewGuid():N}", "state.db");
    private SqliteStateStore state = null!;
    private SqliteMediaJobStore jobs = null!;

    public async Task InitializeAsync()
    {
        state = new SqliteStateStore(Options.Create(new StateOptions { Path = path }));
        await state.InitializeAsync(CancellationToken.None);
        jobs = new SqliteMediaJobStore(state);
    }

    public async Task DisposeAsync()
    {
        await state.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public async Task Commit_WithJobs_QueuedOnceEvenWhenCommittedAgain()
    {
        await state.CommitAsync("a", new StateCommit(Cursor) { MediaJobs = [Job("r1"), Job("r2")] }, CancellationToken.None);
        await state.CommitAsync("a", new StateCommit(Cursor) { MediaJobs = [Job("r1") with { Link = "https://other" }] }, CancellationToken.None);

        var due = await jobs.GetDueAsync(Now, 10, CancellationToken.None);

        Assert.Equal(2, due.Count);
        Assert.Equal(Job("r1"), due.Single(d => d.Job.RecordId == "r1").Job);
        Assert.All(due, d => Assert.Equal(0, d.Attempts));
        Assert.Equal(2, await jobs.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reschedule_IntoTheFuture_NotDueUntilThen()
    {
        await state.CommitAsync("a", new StateCommit(Cursor) { MediaJobs = [Job("r1")] }, CancellationToken.None);

        await jobs.RescheduleAsync(Job("r1"), 3, Now.AddMinutes(1), CancellationToken.None);

        Assert.Empty(await jobs.GetDueAsync(Now, 10, CancellationToken.None));
        var later = Assert.Single(await jobs.GetDueAsync(Now.AddMinutes(1), 10, CancellationToken.None));
        Assert.Equal(3, later.Attempts);
    }

    [Fact]
    public async Task SaveOutcome_ThenComplete_OutcomeKeptUntilTheJobIsRemoved()
    {
        await state.CommitAsync("a", new StateCommit(Cursor) { MediaJobs = [Job("r1")] }, CancellationToken.None);
        var outcome = new MediaOutcome { At = Now, Attempts = 2, Failure = MediaArchiveFailure.TooLarge, Detail = "too big" };

        await jobs.SaveOutcomeAsync(Job("r1"), outcome, CancellationToken.None);
        var pending = Assert.Single(await jobs.GetDueAsync(Now, 10, CancellationToken.None));
        await jobs.CompleteAsync(Job("r1"), CancellationToken.None);

        Assert.Equal(outcome, pending.Outcome);
        Assert.Equal(2, pending.Attempts);
        Assert.Empty(await jobs.GetDueAsync(Now, 10, CancellationToken.None));
    }

    private static MediaJob Job(string recordId) =>
        new("a", "1", recordId, "wamid." + recordId, "c1", "樱花.jpg", "image/jpeg", $"https://media.example.com/{recordId}?Expires=1795000000&sig=x", Now.AddHours(1));
}
