namespace Streamer.Worker.Polling.Scheduling;

/// <summary>
/// How late the <see cref="PollScheduler"/> gives polls their slots: each lag goes to the schedule lag histogram; a
/// lag past the account's interval is logged once as falling behind, and catching up again once a slot is left over
/// with nothing due waiting. Used only under the scheduler's lock.
/// </summary>
internal sealed class LagWatch(StreamerMetrics metrics, ILogger logger)
{
    private TimeSpan? behindSince;

    /// <summary><paramref name="account"/> was given a slot at <paramref name="now"/>; <paramref name="countDue"/> counts the accounts still waiting.</summary>
    public void Granted(ScheduledAccount account, TimeSpan now, SlotBook slots, Func<int> countDue)
    {
        var lag = now > account.Due ? now - account.Due : TimeSpan.Zero;
        metrics.PollScheduleLag(lag);
        if (lag > account.Interval && behindSince is null)
        {
            behindSince = now;
            Log.SchedulerBehind(logger, lag, account.Interval, slots.Count, countDue(), slots.Max);
        }
    }

    /// <summary>A round of grants ended at <paramref name="now"/>, with a slot free and nothing due (caught up) or not.</summary>
    public void Settled(TimeSpan now, bool caughtUp)
    {
        // Caught up once a slot is left over with nothing due waiting (not merely the queue emptied for a moment).
        if (behindSince is { } since && caughtUp)
        {
            Log.SchedulerCaughtUp(logger, now - since);
            behindSince = null;
        }
    }
}
