namespace Streamer.Worker.Polling.Scheduling;

/// <summary>
/// The <see cref="PollScheduler"/>'s bookkeeping of one account: when it is due, what it is doing, and whether it is
/// slow. Read and written only under the scheduler's lock. Between polls this is all an account costs.
/// </summary>
internal sealed class ScheduledAccount(IScheduledPoll poll, TimeSpan phase, CancellationToken stopping)
{
    private readonly TimeSpan phase = phase;

    /// <summary>The poll.</summary>
    public IScheduledPoll Poll { get; } = poll;

    /// <summary>The account's name.</summary>
    public string Name => Poll.Schedule.Account;

    /// <summary>The account's interval.</summary>
    public TimeSpan Interval => Poll.Schedule.Interval;

    /// <summary>When the account may start (or retry) next, on the scheduler's monotonic clock.</summary>
    public TimeSpan Due { get; set; } = phase;

    /// <summary>What the account is doing.</summary>
    public ScheduledState State { get; set; } = ScheduledState.Waiting;

    /// <summary>
    /// True after a poll that failed or took longer than the interval (a busy account, one catching up, one whose API
    /// hangs): the scheduler keeps some slots from such accounts. An account not yet polled is not slow, or the slots
    /// kept from slow accounts would be of no use at the start.
    /// </summary>
    public bool Slow { get; set; }

    /// <summary>When the running (or last) attempt was given its slot.</summary>
    public TimeSpan AttemptStarted { get; set; }

    /// <summary>Whether the running attempt started as <see cref="Slow"/>.</summary>
    public bool StartedSlow { get; set; }

    /// <summary>A retry waiting for its slot, completed when given one.</summary>
    public TaskCompletionSource? Slot { get; set; }

    /// <summary>Cancelled when the account is removed, its holding ends or the scheduler stops: ends its poll and back-off.</summary>
    public CancellationTokenSource Cancellation { get; } = CancellationTokenSource.CreateLinkedTokenSource(stopping, poll.Held);

    /// <summary>Whether a run (a poll and its retries) is under way.</summary>
    public bool HasRun { get; set; }

    /// <summary>Whether the account was removed: it is not queued again.</summary>
    public bool Removed { get; set; }

    /// <summary>Completed when the run of a removed account has ended.</summary>
    public TaskCompletionSource? Ended { get; set; }

    /// <summary>The first phase tick (the first due instant plus whole intervals) after <paramref name="instant"/>.</summary>
    public TimeSpan NextTick(TimeSpan instant)
    {
        var interval = Interval.Ticks;
        var ticks = Math.Max(0, (instant - phase).Ticks);
        return phase + TimeSpan.FromTicks(((ticks / interval) + 1) * interval);
    }
}
