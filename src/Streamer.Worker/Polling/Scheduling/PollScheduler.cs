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
    // A due time this close is due: a timer may fire a little before the instant it was set for (real timers run on
    // a coarse tick count).
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(4);

    // The timer wakes the scheduler on this grid only: under load one wake-up starts the polls of several accounts
    // (at most 100 wake-ups a second), each at most this much after its due time.
    private static readonly TimeSpan Quantum = TimeSpan.FromMilliseconds(10);

    private readonly Lock gate = new();
    private readonly PriorityQueue<ScheduledAccount, (TimeSpan Due, long Order)> quick = new();
    private readonly PriorityQueue<ScheduledAccount, (TimeSpan Due, long Order)> slow = new();
    private readonly List<ScheduledAccount> running = [];
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int maxRunning;
    private readonly int maxSlow;
    private readonly TimeProvider time;
    private readonly StreamerMetrics metrics;
    private readonly ILogger logger;
    private readonly bool inline;
    private readonly Random random;
    private readonly long origin;
    private ScheduledAccount[] accounts = [];
    private ITimer? wake;
    private object? wakeToken;
    private TimeSpan armedFor = TimeSpan.MaxValue;
    private CancellationToken stopping;
    private long order;
    private int runs;
    private bool stopped;
    private TimeSpan? behindSince;

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
        maxRunning = Math.Max(1, maxConcurrentAccounts);
        maxSlow = Math.Max(1, maxRunning - (int)Math.Ceiling(maxRunning / 4.0));
        this.time = time;
        this.metrics = metrics;
        this.logger = logger;
        this.inline = inline;
        this.random = random;
        origin = time.GetTimestamp();
        metrics.ObservePollScheduling(() => Count(ScheduledState.Waiting, dueOnly: true), () => Count(ScheduledState.Running, dueOnly: false), () => Count(ScheduledState.BackingOff, dueOnly: false));
    }

    private TimeSpan Now => time.GetElapsedTime(origin);

    /// <summary>
    /// Polls <paramref name="polls"/> until cancelled, then waits for the running polls to end and returns quietly.
    /// Called once.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<IScheduledPoll> polls, CancellationToken cancellationToken)
    {
        if (polls.Count == 0)
        {
            return;
        }

        stopping = cancellationToken;
        var first = PollPhases.FirstPolls([.. polls.Select(p => (p.Schedule.Account, p.Schedule.Interval))], random);
        lock (gate)
        {
            var start = Now;
            accounts = [.. polls.Select((p, i) => new ScheduledAccount(p, start + first[i]))];
            foreach (var account in accounts)
            {
                Enqueue(account);
            }
        }

        Log.SchedulerStarted(logger, accounts.Length, maxRunning, maxRunning - maxSlow);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(static s => ((TaskCompletionSource)s!).TrySetResult(), cancelled))
        {
            Dispatch();
            await cancelled.Task.ConfigureAwait(false);
        }

        await StopAsync(cancellationToken).ConfigureAwait(false);
    }

    // Gives every due account it can a slot, then sets the timer for the next due time. Called by the timer and
    // whenever an account is queued or a slot is given back; polls start outside the lock, on the thread pool (the
    // last one on this thread when the timer called: it is a thread-pool thread with nothing else to do).
    private void Dispatch(bool fromTimer = false)
    {
        List<(ScheduledAccount Account, TaskCompletionSource? Slot)>? granted = null;
        lock (gate)
        {
            if (stopped || stopping.IsCancellationRequested)
            {
                return;
            }

            var now = Now;
            var due = now + Tolerance;
            var slowRunning = -1;
            while (running.Count < maxRunning)
            {
                var hasQuick = quick.TryPeek(out _, out var quickKey) && quickKey.Due <= due;
                var hasSlow = slow.TryPeek(out _, out var slowKey) && slowKey.Due <= due;
                if (hasSlow)
                {
                    slowRunning = slowRunning < 0 ? SlowRunning(now) : slowRunning;
                    hasSlow = slowRunning < maxSlow;
                }

                if (!hasQuick && !hasSlow)
                {
                    break;
                }

                ScheduledAccount next;
                if (hasQuick && (!hasSlow || quickKey.CompareTo(slowKey) <= 0))
                {
                    next = quick.Dequeue();
                }
                else
                {
                    next = slow.Dequeue();
                    slowRunning++;
                }

                (granted ??= []).Add((next, Grant(next, now)));
            }

            // Caught up once a slot is left over with nothing due waiting (not merely the queue emptied for a moment).
            if (behindSince is { } since && running.Count < maxRunning && !Overdue(due))
            {
                Log.SchedulerCaughtUp(logger, now - since);
                behindSince = null;
            }

            Arm(now);
        }

        if (granted is null)
        {
            return;
        }

        for (var i = 0; i < granted.Count; i++)
        {
            var (account, slot) = granted[i];
            if (slot is not null)
            {
                slot.TrySetResult();
            }
            else if (inline || (fromTimer && i == granted.Count - 1))
            {
                _ = RunAsync(account);
            }
            else
            {
                ThreadPool.UnsafeQueueUserWorkItem(static s => _ = s.Scheduler.RunAsync(s.Account), (Scheduler: this, Account: account), preferLocal: false);
            }
        }
    }

    // Under the lock: the account takes a slot now. Returns the slot its retry waits for, or null to start a run.
    private TaskCompletionSource? Grant(ScheduledAccount account, TimeSpan now)
    {
        running.Add(account);
        account.State = ScheduledState.Running;
        account.StartedSlow = account.Slow;
        var lag = now > account.Due ? now - account.Due : TimeSpan.Zero;

        // Given a little early (the tolerance), it started at its due time: its next tick is the one after.
        account.AttemptStarted = now > account.Due ? now : account.Due;
        metrics.PollScheduleLag(lag);
        if (lag > account.Interval && behindSince is null)
        {
            behindSince = now;
            Log.SchedulerBehind(logger, lag, account.Interval, running.Count, CountDue(now + Tolerance), maxRunning);
        }

        var slot = account.Slot;
        account.Slot = null;
        if (slot is null)
        {
            runs++;
        }

        return slot;
    }

    // One run: the account's poll under its back-off, from the slot it was given to its success; then queued again.
    private async Task RunAsync(ScheduledAccount account)
    {
        try
        {
            await account.Poll.Schedule.ExecuteAsync(
                static (s, ct) => s.Scheduler.AttemptAsync(s.Account, ct), (Scheduler: this, Account: account), stopping).ConfigureAwait(false);
            Requeue(account);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping, quietly.
        }
#pragma warning disable CA1031 // The back-off retries every failure but cancellation: whatever gets here must not end the account's polling.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Log.ScheduleFault(logger, account.Name, error.GetType().Name, error);
            Requeue(account);
        }
        finally
        {
            lock (gate)
            {
                runs--;
                if (stopped && runs == 0)
                {
                    drained.TrySetResult();
                }
            }
        }
    }

    // One attempt: a retry first waits for a slot (the first attempt was given one); the slot goes back at its end.
    private async Task<DateTimeOffset?> AttemptAsync(ScheduledAccount account, CancellationToken cancellationToken)
    {
        if (WaitForSlot(account) is { } slot)
        {
            await slot.ConfigureAwait(false);
        }

        var started = time.GetTimestamp();
        var succeeded = false;
        try
        {
            var cursor = await account.Poll.PollOnceAsync(cancellationToken).ConfigureAwait(false);
            succeeded = true;
            return cursor;
        }
        finally
        {
            Release(account, time.GetElapsedTime(started), succeeded);
        }
    }

    private Task? WaitForSlot(ScheduledAccount account)
    {
        TaskCompletionSource slot;
        lock (gate)
        {
            if (account.State == ScheduledState.Running)
            {
                return null;
            }

            if (stopped || stopping.IsCancellationRequested)
            {
                throw new OperationCanceledException(stopping);
            }

            slot = new TaskCompletionSource(inline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
            account.Slot = slot;
            account.Due = Now;
            account.State = ScheduledState.Waiting;
            Enqueue(account);
        }

        Dispatch();
        return slot.Task;
    }

    private void Release(ScheduledAccount account, TimeSpan elapsed, bool succeeded)
    {
        lock (gate)
        {
            running.Remove(account);
            account.Slow = !succeeded || elapsed > account.Interval;
            account.State = succeeded ? ScheduledState.Finishing : ScheduledState.BackingOff;
        }

        Dispatch();
    }

    // After a successful poll: due at the first phase tick after it started, or at once if that passed meanwhile.
    private void Requeue(ScheduledAccount account)
    {
        lock (gate)
        {
            var now = Now;
            var next = account.NextTick(account.AttemptStarted);
            account.Due = next > now ? next : now;
            account.State = ScheduledState.Waiting;
            Enqueue(account);
        }

        Dispatch();
    }

    private void Enqueue(ScheduledAccount account) => (account.Slow ? slow : quick).Enqueue(account, (account.Due, order++));

    // Under the lock: sets the timer for the earliest due time that a slot could take, on the grid.
    private void Arm(TimeSpan now)
    {
        var next = TimeSpan.MaxValue;
        if (running.Count < maxRunning)
        {
            if (quick.TryPeek(out _, out var quickKey) && quickKey.Due > now)
            {
                next = quickKey.Due;
            }

            if (slow.TryPeek(out _, out var slowKey) && slowKey.Due > now && slowKey.Due < next)
            {
                next = slowKey.Due;
            }
        }

        var at = next == TimeSpan.MaxValue ? next : TimeSpan.FromTicks((next.Ticks + Quantum.Ticks - 1) / Quantum.Ticks * Quantum.Ticks);
        if (at == armedFor)
        {
            return;
        }

        // A fresh one-shot timer rather than Change: a timer re-armed from its own callback is not kept by every
        // TimeProvider. Whole milliseconds, rounded up: timers have no finer grain, and a zero delay fires at once.
        armedFor = at;
        wake?.Dispose();
        wake = null;
        wakeToken = null;
        if (at != TimeSpan.MaxValue)
        {
            var token = wakeToken = new object();
            wake = time.CreateTimer(
                static s =>
                {
                    var (scheduler, token) = ((PollScheduler, object))s!;
                    scheduler.Woken(token);
                },
                (this, token),
                TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling((at - now).TotalMilliseconds))),
                Timeout.InfiniteTimeSpan);
        }
    }

    // The timer fired: it is armed no more (it may fire a little early, with nothing due yet: then it is set again).
    private void Woken(object token)
    {
        lock (gate)
        {
            if (ReferenceEquals(token, wakeToken))
            {
                armedFor = TimeSpan.MaxValue;
            }
        }

        Dispatch(fromTimer: true);
    }

    private int SlowRunning(TimeSpan now)
    {
        var count = 0;
        foreach (var account in running)
        {
            if (account.StartedSlow || now - account.AttemptStarted > account.Interval)
            {
                count++;
            }
        }

        return count;
    }

    private bool Overdue(TimeSpan due) =>
        (quick.TryPeek(out _, out var quickKey) && quickKey.Due <= due) || (slow.TryPeek(out _, out var slowKey) && slowKey.Due <= due);

    private int CountDue(TimeSpan due)
    {
        var count = 0;
        foreach (var account in accounts)
        {
            if (account.State == ScheduledState.Waiting && account.Due <= due)
            {
                count++;
            }
        }

        return count;
    }

    private int Count(ScheduledState state, bool dueOnly)
    {
        lock (gate)
        {
            if (dueOnly)
            {
                return CountDue(Now + Tolerance);
            }

            var count = 0;
            foreach (var account in accounts)
            {
                count += account.State == state ? 1 : 0;
            }

            return count;
        }
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        List<TaskCompletionSource> waiting = [];
        bool done;
        lock (gate)
        {
            stopped = true;
            wake?.Dispose();
            wake = null;
            foreach (var account in accounts)
            {
                if (account.Slot is { } slot)
                {
                    waiting.Add(slot);
                    account.Slot = null;
                }
            }

            done = runs == 0;
        }

        foreach (var slot in waiting)
        {
            slot.TrySetCanceled(cancellationToken);
        }

        if (!done)
        {
            await drained.Task.ConfigureAwait(false);
        }
    }
}
