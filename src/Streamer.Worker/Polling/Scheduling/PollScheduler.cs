using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.Polling.Scheduling;

/// <summary>
/// The one scheduler of an instance: it owns every account's next due time and gives a poll its slot when it is
/// due, at most <c>Polling:MaxConcurrentAccounts</c> at once, earliest due first. First polls are spread over the
/// interval (<see cref="PollPhases"/>); later ones keep that phase, every interval (a poll that took longer than the
/// interval is due again as soon as it ends). An account is never polled twice at once.
/// <para>
/// A failed poll is retried by the account's <see cref="PollSchedule"/> (a Polly back-off): the attempt gives its
/// slot back before the back-off starts, so waiting holds none, and the retry queues for a slot like any due poll.
/// </para>
/// <para>
/// Fairness: a poll reads one window and gives its slot back; the next poll of an account queues behind the accounts
/// due before it. Polls are never interrupted, so a poll that takes long (a busy account, one catching up, one whose
/// API hangs) holds its slot to its end. Accounts whose last poll failed or took longer than their interval may
/// start only while fewer than three quarters of the slots are held by such polls (a running poll past its interval
/// counts as one): the last quarter is kept for the accounts whose polls are quick, which are most of them, so busy
/// accounts do not delay the many idle ones. An account is known to be slow after one slow poll.
/// </para>
/// <para>
/// Between polls an account costs a <see cref="ScheduledAccount"/> in a priority queue: no thread, timer or buffer.
/// One timer at a time wakes the scheduler at the next due time. Due times are on the monotonic clock, so a step of the wall
/// clock neither stalls nor bunches the polls.
/// </para>
/// </summary>
internal sealed class PollScheduler
{
    private readonly PollDispatcher dispatcher;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly Random random;

    /// <summary>Creates the scheduler of the instance.</summary>
    public PollScheduler(PollingOptions options, TimeProvider time, StreamerMetrics metrics, ILogger logger)
        : this(options.MaxConcurrentAccounts, time, metrics, logger, inline: false, Random.Shared)
    {
    }

    /// <summary>
    /// Creates a scheduler. <paramref name="inline"/> (tests) runs polls and retries on the thread that gives them
    /// their slot instead of the thread pool, so a <c>FakeTimeProvider</c> drives everything deterministically.
    /// </summary>
    internal PollScheduler(int maxConcurrentAccounts, TimeProvider time, StreamerMetrics metrics, ILogger logger, bool inline, Random random)
    {
        dispatcher = new PollDispatcher(maxConcurrentAccounts, time, metrics, logger, inline, a => _ = RunAccountAsync(a));
        this.time = time;
        this.logger = logger;
        this.random = random;
        metrics.ObservePollScheduling(() => Count(ScheduledState.Waiting, dueOnly: true), () => Count(ScheduledState.Running, dueOnly: false), () => Count(ScheduledState.BackingOff, dueOnly: false));
    }

    /// <summary>
    /// Polls <paramref name="polls"/>, and the accounts <see cref="Add"/>ed later, until cancelled, then waits for the
    /// running polls to end and returns quietly. Called once.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<IScheduledPoll> polls, CancellationToken cancellationToken)
    {
        dispatcher.Stopping = cancellationToken;
        Schedule(polls);
        Log.SchedulerStarted(logger, polls.Count, dispatcher.Slots.Max, dispatcher.Slots.Max - dispatcher.Slots.MaxSlow);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), cancelled))
        {
            dispatcher.Dispatch();
            await cancelled.Task.ConfigureAwait(false);
        }

        await StopAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Adds accounts while the scheduler runs (after <see cref="RunAsync"/> was called): their first polls are spread
    /// over their interval from now, like those of the start. An account already scheduled is an error.
    /// </summary>
    public void Add(IReadOnlyList<IScheduledPoll> polls)
    {
        Schedule(polls);
        dispatcher.Dispatch();
    }

    /// <summary>
    /// Removes an account while the scheduler runs: it is no longer queued, its running poll or back-off is
    /// cancelled, and the returned task completes once its run has ended (nothing of it runs any more). Nothing
    /// for an account not scheduled.
    /// </summary>
    public Task RemoveAsync(string account)
    {
        ScheduledAccount removed;
        TaskCompletionSource? slot;
        Task ended;
        lock (dispatcher.Gate)
        {
            if (!dispatcher.Accounts.TryGet(account, out removed))
            {
                return Task.CompletedTask;
            }

            dispatcher.Accounts.Remove(removed);
            dispatcher.Dequeue(removed);
            removed.Removed = true;
            slot = removed.Slot;
            removed.Slot = null;
            ended = removed.HasRun ? (removed.Ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task : Task.CompletedTask;
        }

        removed.Cancellation.Cancel();
        slot?.TrySetCanceled(removed.Cancellation.Token);
        if (ended.IsCompleted)
        {
            removed.Cancellation.Dispose();
        }

        return ended;
    }

    private void Schedule(IReadOnlyList<IScheduledPoll> polls)
    {
        var first = PollPhases.FirstPolls([.. polls.Select(p => (p.Schedule.Account, p.Schedule.Interval))], random);
        lock (dispatcher.Gate)
        {
            var start = dispatcher.Now;
            for (var i = 0; i < polls.Count; i++)
            {
                var account = new ScheduledAccount(polls[i], start + first[i], dispatcher.Stopping);
                if (!dispatcher.Accounts.TryAdd(account))
                {
                    account.Cancellation.Dispose();
                    throw new InvalidOperationException($"Account {account.Name} is already scheduled.");
                }

                dispatcher.Enqueue(account);
            }
        }
    }

    // One run: the account's poll under its back-off, from the slot it was given to its success; then queued again.
    private async Task RunAccountAsync(ScheduledAccount account)
    {
        var cancellation = account.Cancellation.Token;
        try
        {
            await account.Poll.Schedule.ExecuteAsync(
                static (s, ct) => s.Scheduler.AttemptAsync(s.Account, ct), (Scheduler: this, Account: account), cancellation).ConfigureAwait(false);
            dispatcher.Requeue(account);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopping, removed or no longer held, quietly; not queued again.
            dispatcher.Park(account);
        }
        catch (FencedWriteRefusedException)
        {
            // Counted and logged where it was refused; the coordinator takes the account away (or anew, fenced afresh).
            dispatcher.Park(account);
        }
#pragma warning disable CA1031 // The back-off retries every failure but cancellation: whatever gets here must not end the account's polling.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Log.ScheduleFault(logger, account.Name, error.GetType().Name, error);
            dispatcher.Requeue(account);
        }
        finally
        {
            bool removed;
            lock (dispatcher.Gate)
            {
                dispatcher.Runs.Ended();
                account.HasRun = false;
                removed = account.Removed;
            }

            if (removed)
            {
                account.Cancellation.Dispose();
                account.Ended?.TrySetResult();
            }
        }
    }

    // One attempt: a retry first waits for a slot (the first attempt was given one); the slot goes back at its end.
    // A run cancelled meanwhile (its holding ended) withdraws the retry, so no slot is granted to a poll that cannot run.
    private async Task<DateTimeOffset?> AttemptAsync(ScheduledAccount account, CancellationToken cancellationToken)
    {
        if (dispatcher.WaitForSlot(account) is { } slot)
        {
            using (account.Cancellation.Token.UnsafeRegister(static s => { var (d, a) = ((PollDispatcher, ScheduledAccount))s!; d.Withdraw(a); }, (dispatcher, account)))
            {
                await slot.ConfigureAwait(false);
            }
        }

        var started = time.GetTimestamp();
        var succeeded = false;
        try
        {
            // A slot given just before the run was cancelled goes back at once.
            cancellationToken.ThrowIfCancellationRequested();
            var cursor = await account.Poll.PollOnceAsync(cancellationToken).ConfigureAwait(false);
            succeeded = true;
            return cursor;
        }
        finally
        {
            dispatcher.Release(account, time.GetElapsedTime(started), succeeded);
        }
    }

    private int Count(ScheduledState state, bool dueOnly)
    {
        lock (dispatcher.Gate)
        {
            return dueOnly ? dispatcher.CountDue() : dispatcher.Accounts.CountIn(state);
        }
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        List<TaskCompletionSource> waiting;
        Task drained;
        lock (dispatcher.Gate)
        {
            drained = dispatcher.Runs.Stop();
            dispatcher.StopTimer();
            waiting = dispatcher.Accounts.TakeSlots();
        }

        foreach (var slot in waiting)
        {
            slot.TrySetCanceled(cancellationToken);
        }

        await drained.ConfigureAwait(false);
    }
}
