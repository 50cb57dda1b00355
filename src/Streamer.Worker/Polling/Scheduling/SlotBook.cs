namespace Streamer.Worker.Polling.Scheduling;

/// <summary>
/// The <see cref="PollScheduler"/>'s slots: the polls holding one (at most <c>Polling:MaxConcurrentAccounts</c>), and
/// how many of them may be slow (a quarter of the slots is kept for quick polls). Used only under the scheduler's lock.
/// </summary>
internal sealed class SlotBook
{
    private readonly List<ScheduledAccount> running = [];
    private int slowRunning = -1;

    /// <summary>Creates the slots.</summary>
    public SlotBook(int maxConcurrentAccounts)
    {
        Max = Math.Max(1, maxConcurrentAccounts);
        MaxSlow = Math.Max(1, Max - (int)Math.Ceiling(Max / 4.0));
    }

    /// <summary>The slots.</summary>
    public int Max { get; }

    /// <summary>The slots slow polls may hold at once.</summary>
    public int MaxSlow { get; }

    /// <summary>Slots held.</summary>
    public int Count => running.Count;

    /// <summary>Whether a slot is free.</summary>
    public bool HasFree => running.Count < Max;

    /// <summary>Starts a round of grants: how many slow polls run is counted again at the first slow candidate.</summary>
    public void BeginRound() => slowRunning = -1;

    /// <summary>Whether one more slow poll may start now (a running poll past its interval counts as slow).</summary>
    public bool MayStartSlow(TimeSpan now)
    {
        if (slowRunning < 0)
        {
            slowRunning = 0;
            foreach (var account in running)
            {
                if (account.StartedSlow || now - account.AttemptStarted > account.Interval)
                {
                    slowRunning++;
                }
            }
        }

        return slowRunning < MaxSlow;
    }

    /// <summary><paramref name="account"/> takes a slot.</summary>
    public void Take(ScheduledAccount account)
    {
        running.Add(account);
        if (account.Slow && slowRunning >= 0)
        {
            slowRunning++;
        }
    }

    /// <summary><paramref name="account"/> gives its slot back.</summary>
    public void Give(ScheduledAccount account) => running.Remove(account);
}
