namespace Streamer.Worker.Polling.Scheduling;

/// <summary>
/// The <see cref="PollScheduler"/>'s slot giving: under one lock it queues accounts for their due time
/// (<see cref="DueQueue"/>), gives a due account a slot when one is free (<see cref="SlotBook"/>), reports how late
/// (<see cref="LagWatch"/>) and sets the one timer for the next due time (<see cref="WakeTimer"/>). A poll granted a
/// slot starts outside the lock, by <c>startRun</c>, or completes the slot its retry waits for.
/// </summary>
internal sealed class PollDispatcher
{
    // A due time this close is due: a timer may fire a little before the instant it was set for (real timers run on
    // a coarse tick count).
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(4);

    private readonly DueQueue queue = new();
    private readonly SlotBook slots;
    private readonly WakeTimer wake;
    private readonly LagWatch lag;
    private readonly TimeProvider time;
    private readonly bool inline;
    private readonly Action<ScheduledAccount> startRun;
    private readonly long origin;

    /// <summary>Creates the dispatcher; <paramref name="inline"/> (tests) starts polls and retries on the granting thread.</summary>
    public PollDispatcher(int maxConcurrentAccounts, TimeProvider time, StreamerMetrics metrics, ILogger logger, bool inline, Action<ScheduledAccount> startRun)
    {
        slots = new SlotBook(maxConcurrentAccounts);
        wake = new WakeTimer(time, Gate, () => Dispatch(fromTimer: true));
        lag = new LagWatch(metrics, logger);
        this.time = time;
        this.inline = inline;
        this.startRun = startRun;
        origin = time.GetTimestamp();
    }

    /// <summary>The lock of the scheduler's bookkeeping.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The accounts.</summary>
    public ScheduledAccounts Accounts { get; } = new();

    /// <summary>The runs.</summary>
    public RunCounter Runs { get; } = new();

    /// <summary>The slots.</summary>
    public SlotBook Slots => slots;

    /// <summary>Cancelled when the scheduler stops.</summary>
    public CancellationToken Stopping { get; set; }

    /// <summary>Now on the scheduler's monotonic clock.</summary>
    public TimeSpan Now => time.GetElapsedTime(origin);

    /// <summary>Under the lock: queues <paramref name="account"/> for its due time.</summary>
    public void Enqueue(ScheduledAccount account) => queue.Enqueue(account);

    /// <summary>Under the lock: takes <paramref name="account"/> out of the queue, if it waits there.</summary>
    public void Dequeue(ScheduledAccount account) => queue.Remove(account);

    /// <summary>Under the lock: accounts waiting and due now.</summary>
    public int CountDue() => Accounts.CountDue(Now + Tolerance);

    /// <summary>
    /// Gives every due account it can a slot, then sets the timer for the next due time. Called by the timer and
    /// whenever an account is queued or a slot is given back; polls start outside the lock, on the thread pool (the
    /// last one on this thread when the timer called: it is a thread-pool thread with nothing else to do).
    /// </summary>
    public void Dispatch(bool fromTimer = false)
    {
        List<(ScheduledAccount Account, TaskCompletionSource? Slot)>? granted = null;
        lock (Gate)
        {
            if (Runs.Stopped || Stopping.IsCancellationRequested)
            {
                return;
            }

            var now = Now;
            var due = now + Tolerance;
            slots.BeginRound();
            while (slots.HasFree && queue.TryTake(due, now, slots, out var next))
            {
                (granted ??= []).Add((next, Grant(next, now)));
            }

            lag.Settled(now, slots.HasFree && !queue.HasDue(due));
            wake.Arm(slots.HasFree ? queue.NextAfter(now) : TimeSpan.MaxValue, now);
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
                startRun(account);
            }
            else
            {
                ThreadPool.UnsafeQueueUserWorkItem(static s => s.Start(s.Account), (Start: startRun, Account: account), preferLocal: false);
            }
        }
    }

    /// <summary>
    /// A retry's attempt: queues the account now and returns the slot to wait for; null when the attempt holds one
    /// (the first attempt of a run was given it).
    /// </summary>
    public Task? WaitForSlot(ScheduledAccount account)
    {
        TaskCompletionSource slot;
        lock (Gate)
        {
            if (account.State == ScheduledState.Running)
            {
                return null;
            }

            if (Runs.Stopped || account.Cancellation.IsCancellationRequested)
            {
                throw new OperationCanceledException(account.Cancellation.Token);
            }

            slot = new TaskCompletionSource(inline ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
            account.Slot = slot;
            account.Due = Now;
            account.State = ScheduledState.Waiting;
            queue.Enqueue(account);
        }

        Dispatch();
        return slot.Task;
    }

    /// <summary>
    /// A retry's run was cancelled while it waited for its slot: out of the queue, and its wait ends cancelled. Nothing
    /// when the slot was given meanwhile (the attempt then ends at once and gives it back) or the account was removed.
    /// </summary>
    public void Withdraw(ScheduledAccount account)
    {
        TaskCompletionSource? slot;
        lock (Gate)
        {
            slot = account.Slot;
            if (slot is null)
            {
                return;
            }

            account.Slot = null;
            account.State = ScheduledState.Parked;
            queue.Remove(account);
        }

        slot.TrySetCanceled(account.Cancellation.Token);
    }

    /// <summary>An attempt ended after <paramref name="elapsed"/>: its slot goes back.</summary>
    public void Release(ScheduledAccount account, TimeSpan elapsed, bool succeeded)
    {
        lock (Gate)
        {
            slots.Give(account);
            account.Slow = !succeeded || elapsed > account.Interval;
            account.State = succeeded ? ScheduledState.Finishing : ScheduledState.BackingOff;
        }

        Dispatch();
    }

    /// <summary>After a successful poll: due at the first phase tick after it started, or at once if that passed meanwhile.</summary>
    public void Requeue(ScheduledAccount account)
    {
        lock (Gate)
        {
            if (account.Removed)
            {
                return;
            }

            var now = Now;
            var next = account.NextTick(account.AttemptStarted);
            account.Due = next > now ? next : now;
            account.State = ScheduledState.Waiting;
            queue.Enqueue(account);
        }

        Dispatch();
    }

    /// <summary>
    /// The account's run ended for its lease (a write refused, its holding ended) or its removal: it is not queued
    /// again. A run cancelled before its first attempt began gives back the slot it was granted.
    /// </summary>
    public void Park(ScheduledAccount account)
    {
        bool freed;
        lock (Gate)
        {
            freed = account.State == ScheduledState.Running;
            if (freed)
            {
                slots.Give(account);
            }

            account.State = ScheduledState.Parked;
        }

        if (freed)
        {
            Dispatch();
        }
    }

    /// <summary>Under the lock: stops the timer.</summary>
    public void StopTimer() => wake.Dispose();

    // Under the lock: the account takes a slot now. Returns the slot its retry waits for, or null to start a run.
    private TaskCompletionSource? Grant(ScheduledAccount account, TimeSpan now)
    {
        slots.Take(account);
        account.State = ScheduledState.Running;
        account.StartedSlow = account.Slow;

        // Given a little early (the tolerance), it started at its due time: its next tick is the one after.
        account.AttemptStarted = now > account.Due ? now : account.Due;
        lag.Granted(account, now, slots, () => Accounts.CountDue(now + Tolerance));

        var slot = account.Slot;
        account.Slot = null;
        if (slot is null)
        {
            Runs.Started();
            account.HasRun = true;
        }

        return slot;
    }
}
