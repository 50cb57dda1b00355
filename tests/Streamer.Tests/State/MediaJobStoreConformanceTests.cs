using Streamer.Contracts;
using Streamer.Worker.Media;

namespace Streamer.Tests.State;

/// <summary>The contract of <see cref="IMediaJobStore"/>: every backend derives from this class and passes it. Jobs arrive through the state store's commit, as in the worker.</summary>
public abstract class MediaJobStoreConformanceTests : StateBackendConformance
{
    [Fact]
    public async Task GetDue_NewJob_DueAtOnceWithoutAttemptsOrOutcome()
    {
        await QueueAsync(Job("r1"));

        var pending = Assert.Single(await MediaJobs.GetDueAsync(Now, 10, CancellationToken.None));

        Assert.Equal(Job("r1"), pending.Job);
        Assert.Equal(0, pending.Attempts);
        Assert.Null(pending.Outcome);
    }

    [Fact]
    public async Task GetDue_SeveralDue_EarliestDueFirstUpToTheLimit()
    {
        await QueueAsync(Job("r1"), Job("r2"), Job("r3"));
        await MediaJobs.RescheduleAsync(Job("r1"), 1, Now.AddMinutes(3), CancellationToken.None);
        await MediaJobs.RescheduleAsync(Job("r2"), 1, Now.AddMinutes(1), CancellationToken.None);
        await MediaJobs.RescheduleAsync(Job("r3"), 1, Now.AddMinutes(2), CancellationToken.None);

        var all = await MediaJobs.GetDueAsync(Now.AddMinutes(5), 10, CancellationToken.None);
        var first = await MediaJobs.GetDueAsync(Now.AddMinutes(5), 2, CancellationToken.None);

        Assert.Equal(["r2", "r3", "r1"], all.Select(d => d.Job.RecordId));
        Assert.Equal(["r2", "r3"], first.Select(d => d.Job.RecordId));
    }

    [Fact]
    public async Task Reschedule_IntoTheFuture_NotDueUntilThenAndKeepsTheAttempts()
    {
        await QueueAsync(Job("r1"));

        await MediaJobs.RescheduleAsync(Job("r1"), 3, Now.AddMinutes(1), CancellationToken.None);

        Assert.Empty(await MediaJobs.GetDueAsync(Now.AddMinutes(1).AddMilliseconds(-1), 10, CancellationToken.None));
        var later = Assert.Single(await MediaJobs.GetDueAsync(Now.AddMinutes(1), 10, CancellationToken.None));
        Assert.Equal(3, later.Attempts);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SaveOutcome_ArchivedOrFailed_ReturnedWithTheJobUntilCompleted(bool archived)
    {
        await QueueAsync(Job("r1"));
        var outcome = archived
            ? new MediaOutcome { At = Now, Attempts = 1, Sha256 = new string('a', 64), Size = 12_345, MimeType = "image/jpeg", Location = "file:///archive/aa/aaaa.jpg" }
            : new MediaOutcome { At = Now, Attempts = 2, Failure = MediaArchiveFailure.TooLarge, Detail = "too big" };

        await MediaJobs.SaveOutcomeAsync(Job("r1"), outcome, CancellationToken.None);
        var pending = Assert.Single(await MediaJobs.GetDueAsync(Now, 10, CancellationToken.None));
        await MediaJobs.CompleteAsync(Job("r1"), CancellationToken.None);

        Assert.Equal(outcome, pending.Outcome);
        Assert.Equal(outcome.Attempts, pending.Attempts);
        Assert.Empty(await MediaJobs.GetDueAsync(Now, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Complete_OneJob_RemovesOnlyThatJob()
    {
        await QueueAsync(Job("r1"), Job("r2"));

        await MediaJobs.CompleteAsync(Job("r1"), CancellationToken.None);

        Assert.Equal(Job("r2"), Assert.Single(await MediaJobs.GetDueAsync(Now, 10, CancellationToken.None)).Job);
        Assert.Equal(1, await MediaJobs.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Count_JobsOfSeveralAccounts_CountsEveryUnfinishedJob()
    {
        await QueueAsync(Job("r1"), Job("r2"));
        await State.CommitAsync("b", new(Cursor()) { MediaJobs = [Job("r1", account: "b")] }, CancellationToken.None);
        await MediaJobs.SaveOutcomeAsync(Job("r2"), new MediaOutcome { At = Now, Attempts = 1, Failure = MediaArchiveFailure.NotFound }, CancellationToken.None);

        Assert.Equal(3, await MediaJobs.CountAsync(CancellationToken.None));
    }

    private Task QueueAsync(params MediaJob[] jobs) => CommitAsync("a", Cursor(), jobs: jobs);
}
