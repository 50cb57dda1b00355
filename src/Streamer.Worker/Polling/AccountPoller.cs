using Streamer.Nxlink;
using Streamer.Worker.Polling.Scheduling;
using Streamer.Worker.Telemetry;

namespace Streamer.Worker.Polling;

/// <summary>
/// Streams one account: when the <see cref="PollScheduler"/> says (by its <see cref="PollSchedule"/>), plans a
/// window from the cursor, streams it slice by slice (read, detect, and commit with its events into the outbox),
/// then does its <see cref="PollUpkeep"/> (learning the API's time filter, pruning).
/// </summary>
internal sealed class AccountPoller(
    NxlinkAccount account,
    PollSchedule schedule,
    CursorBook cursors,
    WindowStreamer window,
    PollUpkeep upkeep,
    TimeProvider time,
    ILogger logger) : IScheduledPoll
{
    /// <summary>The account name.</summary>
    public string Name => account.Name;

    /// <inheritdoc />
    public PollSchedule Schedule => schedule;

    /// <inheritdoc />
    public CancellationToken Held { get; init; }

    /// <summary>One poll: plan, read, detect, commit; returns the cursor's position after it.</summary>
    public async Task<DateTimeOffset?> PollOnceAsync(CancellationToken cancellationToken)
    {
        using var activity = StreamerActivities.StartPoll(account.Name);
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        var plan = await cursors.PlanAsync(now, cancellationToken).ConfigureAwait(false);
        var (records, events) = (0, 0);
        IReadOnlyList<ChatRecord> latest = [];
        if (plan.IsEmpty)
        {
            await cursors.CloseEmptyAsync(plan, now, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // The window's last commit records the tiers it covered and ends the snapshot phase.
            (records, events, latest) = await window.StreamAsync(plan, now, cancellationToken).ConfigureAwait(false);
        }

        if (plan.Snapshot)
        {
            Log.SnapshotDone(logger, account.Name, plan.To);
        }

        Log.WindowDone(logger, account.Name, plan.From, plan.To, records, events, time.GetElapsedTime(started));
        await upkeep.AfterWindowAsync(latest, now, cancellationToken).ConfigureAwait(false);
        return cursors.Current?.Position;
    }
}
