using Streamer.Worker.Cluster;

namespace Streamer.Tests.Polling.Scheduling;

/// <summary>The scheduler's accounts added and removed while it runs (<see cref="SchedulerClock"/>).</summary>
public sealed class PollSchedulerAccountSetTests : IDisposable
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly SchedulerClock clock = new();

    public void Dispose() => clock.Dispose();

    [Fact]
    public async Task Add_WhileRunning_FirstPollsWithinOneIntervalThenEveryInterval()
    {
        var first = clock.Account("first", Second);
        var run = await clock.StartAsync([first]);
        await clock.AdvanceAsync(TimeSpan.FromSeconds(2));

        var added = Enumerable.Range(0, 5).Select(i => clock.Account($"added-{i}", Second)).ToList();
        var addedAt = clock.Time.GetUtcNow() - SchedulerClock.Origin;
        await SchedulerClock.OnPoolAsync(() => clock.Scheduler.Add(added));
        await clock.AdvanceAsync(TimeSpan.FromSeconds(5));

        Assert.All(added, p => Assert.InRange(p.Starts[0], addedAt, addedAt + Second));
        Assert.All(added, p => Assert.InRange(p.Starts.Count, 5, 6));
        Assert.All(added, p => Assert.All(p.Gaps, g => Assert.InRange(g, Second - SchedulerClock.Step, Second + SchedulerClock.Step)));
        Assert.InRange(first.Starts.Count, 7, 8);
        await clock.StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_NoAccountsAtStart_RunsAndPollsAccountsAddedLater()
    {
        var run = await clock.StartAsync([]);
        await clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.False(run.IsCompleted);

        var added = clock.Account("later", Second);
        await SchedulerClock.OnPoolAsync(() => clock.Scheduler.Add([added]));
        await clock.AdvanceAsync(TimeSpan.FromSeconds(3));

        Assert.InRange(added.Starts.Count, 3, 4);
        await clock.StopAsync(run);
    }

    [Fact]
    public async Task Add_AccountAlreadyScheduled_Throws()
    {
        var run = await clock.StartAsync([clock.Account("twice", Second)]);

        Assert.Throws<InvalidOperationException>(() => clock.Scheduler.Add([clock.Account("twice", Second)]));
        await clock.StopAsync(run);
    }

    [Fact]
    public async Task RemoveAsync_PollRunning_CancelsItEndsWhenItHasEndedAndNeverPollsItAgain()
    {
        var hanging = clock.Account("hanging", Second);
        hanging.Behaviour = ct => Task.Delay(TimeSpan.FromHours(1), clock.Time, ct);
        var other = clock.Account("other", Second);
        var run = await clock.StartAsync([hanging, other]);
        await clock.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Single(hanging.Starts);

        await Task.Run(() => clock.Scheduler.RemoveAsync("hanging")).WaitAsync(TimeSpan.FromSeconds(10));
        await clock.AdvanceAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(1, hanging.Cancelled);
        Assert.Single(hanging.Starts);
        Assert.InRange(other.Starts.Count, 7, 8);
        Assert.Equal(0, clock.Slots.Current);
        Assert.Empty(clock.Logger.Values<string>(143, "Account"));
        await clock.StopAsync(run);
    }

    [Fact]
    public async Task RemoveAsync_AccountBackingOff_EndsTheBackoffWithoutARetry()
    {
        var failing = clock.Account("failing", Second);
        failing.Behaviour = _ => Task.FromException(new InvalidOperationException("broker unreachable"));
        var run = await clock.StartAsync([failing]);
        await clock.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Single(failing.Starts);

        await Task.Run(() => clock.Scheduler.RemoveAsync("failing")).WaitAsync(TimeSpan.FromSeconds(10));
        await clock.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.Single(failing.Starts);
        await clock.StopAsync(run);
    }

    [Fact]
    public async Task RemoveAsync_AccountWaiting_CompletesAtOnceAndTheAccountIsNotPolledAgain()
    {
        var waiting = clock.Account("waiting", Second);
        var run = await clock.StartAsync([waiting]);
        await clock.AdvanceAsync(TimeSpan.FromSeconds(1.5));
        var polled = waiting.Starts.Count;

        var removal = clock.Scheduler.RemoveAsync("waiting");

        Assert.True(removal.IsCompletedSuccessfully);
        await clock.AdvanceAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(polled, waiting.Starts.Count);
        Assert.True(clock.Scheduler.RemoveAsync("waiting").IsCompletedSuccessfully);
        await clock.StopAsync(run);
    }

    [Fact]
    public async Task Add_SameNameAfterRemoval_PolledAgainByTheNewPoller()
    {
        var old = clock.Account("account", Second);
        var run = await clock.StartAsync([old]);
        await clock.AdvanceAsync(TimeSpan.FromSeconds(2));
        await Task.Run(() => clock.Scheduler.RemoveAsync("account")).WaitAsync(TimeSpan.FromSeconds(10));
        var polledBefore = old.Starts.Count;

        var fresh = clock.Account("account", Second);
        await SchedulerClock.OnPoolAsync(() => clock.Scheduler.Add([fresh]));
        await clock.AdvanceAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(polledBefore, old.Starts.Count);
        Assert.InRange(fresh.Starts.Count, 3, 4);
        await clock.StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_WriteFencedOut_NeitherRetriedNorPolledAgainWhileTheOthersGoOn()
    {
        var fenced = clock.Account("fenced", Second);
        fenced.Behaviour = _ => Task.FromException(new FencedWriteRefusedException(new FencingToken("instance-a", "fenced", 7)));
        var other = clock.Account("other", Second);
        var run = await clock.StartAsync([fenced, other]);

        await clock.AdvanceAsync(TimeSpan.FromSeconds(30));

        Assert.Single(fenced.Starts);
        Assert.InRange(other.Starts.Count, 29, 31);
        Assert.Empty(clock.Logger.Values<string>(143, "Account"));
        Assert.True(clock.Scheduler.RemoveAsync("fenced").IsCompletedSuccessfully);
        await clock.StopAsync(run);
    }

    [Fact]
    public async Task Held_CancelledWhilePolling_EndsThePollQuietlyAndNeverPollsItAgain()
    {
        using var holding = new CancellationTokenSource();
        var lost = clock.Account("lost", Second);
        lost.Held = holding.Token;
        lost.Behaviour = ct => Task.Delay(TimeSpan.FromHours(1), clock.Time, ct);
        var other = clock.Account("other", Second);
        var run = await clock.StartAsync([lost, other]);
        await clock.AdvanceAsync(TimeSpan.FromSeconds(2));
        Assert.Single(lost.Starts);

        await Task.Run(holding.Cancel);
        await WaitUntilAsync(() => lost.Cancelled == 1);
        await clock.AdvanceAsync(TimeSpan.FromSeconds(5));

        Assert.Single(lost.Starts);
        Assert.InRange(other.Starts.Count, 7, 8);
        Assert.Empty(clock.Logger.Values<string>(143, "Account"));
        // The run parks on the thread pool after the poll observed the cancellation; removal waits for it.
        await Task.Run(() => clock.Scheduler.RemoveAsync("lost")).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, clock.Slots.Current);
        await clock.StopAsync(run);
    }

    [Fact]
    public async Task Held_CancelledWhileQueued_NotPolledAgainAndItsSlotGoesBack()
    {
        using var single = new SchedulerClock(maxConcurrentAccounts: 1);
        using var holding = new CancellationTokenSource();
        var lost = single.Account("lost", Second);
        lost.Held = holding.Token;
        var other = single.Account("other", Second);
        var run = await single.StartAsync([lost, other]);
        await single.AdvanceAsync(TimeSpan.FromSeconds(2));
        var polled = lost.Starts.Count;
        var otherPolled = other.Starts.Count;

        await Task.Run(holding.Cancel);
        await single.AdvanceAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(polled, lost.Starts.Count);
        Assert.InRange(other.Starts.Count - otherPolled, 4, 6);
        Assert.Empty(single.Logger.Values<string>(143, "Account"));
        await single.StopAsync(run);
    }

    [Fact]
    public async Task Held_CancelledWhileItsRetryWaitsForASlot_WithdrawnWithoutPollingAgain()
    {
        using var single = new SchedulerClock(maxConcurrentAccounts: 1);
        using var holding = new CancellationTokenSource();
        var release = new TaskCompletionSource();
        var lost = single.Account("lost", Second);
        lost.Held = holding.Token;
        lost.Behaviour = _ => Task.FromException(new InvalidOperationException("api unreachable"));

        // Takes the one slot for good once the other account has failed, so that account's retry has to wait for it.
        var busy = single.Account("busy", Second);
        busy.Behaviour = _ => lost.Starts.Count == 0 ? Task.CompletedTask : release.Task;
        var run = await single.StartAsync([lost, busy]);
        await single.AdvanceAsync(TimeSpan.FromSeconds(30));
        var polled = lost.Starts.Count;
        await single.AdvanceAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(polled, lost.Starts.Count);
        Assert.Equal(1, single.Slots.Current);

        await Task.Run(holding.Cancel);
        await SchedulerClock.OnPoolAsync(release.SetResult);
        await single.AdvanceAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(polled, lost.Starts.Count);
        Assert.Equal(0, lost.Cancelled);
        Assert.InRange(busy.Starts.Count, 2, int.MaxValue);
        Assert.Empty(single.Logger.Values<string>(143, "Account"));
        await Task.Run(() => single.Scheduler.RemoveAsync("lost")).WaitAsync(TimeSpan.FromSeconds(10));
        await single.StopAsync(run);
    }

    // The cancelled poll's continuation runs on the thread pool, after the cancellation returned.
    private static Task WaitUntilAsync(Func<bool> condition) => Task.Run(async () =>
    {
        while (!condition())
        {
            await Task.Delay(5);
        }
    }).WaitAsync(TimeSpan.FromSeconds(10));
}
