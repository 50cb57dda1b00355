using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>
/// The cursor of one account and its re-scan bookkeeping: which window the next poll reads, the cursor each
/// slice's commit writes, and, with a window's last commit, which tiers it covered and that the snapshot
/// phase is over. Once loaded (or started for a first snapshot), the in-memory cursor moves only with a
/// successful commit.
/// </summary>
internal sealed class CursorBook(NxlinkAccount account, PollingOptions options, FilterSense filter, IStateStore store, StreamerMetrics metrics, ILogger logger)
{
    private bool loaded;

    /// <summary>The cursor as last committed (or as started before the first commit); null before the first plan.</summary>
    public AccountCursor? Current { get; private set; }

    /// <summary>Plans the window of a poll at <paramref name="now"/>; the first plan of an account without a cursor starts its snapshot.</summary>
    public async Task<WindowPlan> PlanAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!loaded)
        {
            var saved = await store.GetCursorAsync(account.Name, cancellationToken).ConfigureAwait(false);
            Current = saved is null ? null : WindowPlanner.KeyTierRuns(saved, options.EffectiveRescans);
            loaded = true;
        }

        if (Current is not null && WindowPlanner.Clamp(Current, now) is var clamped && !ReferenceEquals(clamped, Current))
        {
            // Kept in memory; the next commit writes it.
            metrics.CursorClamped(account.Name);
            Log.CursorClamped(logger, account.Name, Latest(Current), now);
            Current = clamped;
        }

        var plan = WindowPlanner.Plan(Current, now, options, filter.Rescans);
        if (Current is null)
        {
            Log.Starting(logger, account.Name, plan.From, "initial snapshot");
            Current = new AccountCursor(plan.From.AddSeconds(-1), SnapshotDone: false, plan.TiersDue.ToDictionary(t => t.Key, _ => now)) { SnapshotCutoff = now };
        }

        return plan;
    }

    /// <summary>
    /// The cursor the commit of the slice of <paramref name="plan"/> ending at <paramref name="sliceEnd"/>
    /// writes; the window's last slice also records the tiers the window covered and ends the snapshot phase.
    /// </summary>
    public AccountCursor After(WindowPlan plan, DateTimeOffset sliceEnd, DateTimeOffset now)
    {
        var current = Started;
        var cursor = current with { Position = current.Position > sliceEnd ? current.Position : sliceEnd };
        return sliceEnd < plan.To ? cursor : Closed(cursor, plan, now);
    }

    /// <summary>A commit of <paramref name="cursor"/> succeeded.</summary>
    public void Committed(AccountCursor cursor) => Current = cursor;

    /// <summary>
    /// Closes a window without slices: its tiers and the end of the snapshot phase have no slice to ride on,
    /// so they are committed alone, and only when they change the cursor.
    /// </summary>
    public async Task CloseEmptyAsync(WindowPlan plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = Started;
        var closed = Closed(current, plan, now);
        if (closed.SnapshotDone == current.SnapshotDone && closed.TierRuns.All(run => current.TierRuns.TryGetValue(run.Key, out var known) && known == run.Value))
        {
            return;
        }

        await store.CommitAsync(account.Name, new StateCommit(closed), cancellationToken).ConfigureAwait(false);
        Current = closed;
    }

    /// <summary>Makes every re-scan tier due at the next plan (kept in memory until a commit writes it).</summary>
    public void RescanAll() => Current = Started with { TierRuns = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal) };

    /// <summary>Stores <paramref name="decision"/> with the cursor as it stands.</summary>
    public async Task SaveFilterAsync(FilterDecision decision, CancellationToken cancellationToken)
    {
        var current = Started;
        await store.CommitAsync(account.Name, new StateCommit(current) { Filter = decision }, cancellationToken).ConfigureAwait(false);
        Current = current;
    }

    private AccountCursor Started => Current ?? throw new InvalidOperationException("No window was planned yet.");

    private static DateTimeOffset Latest(AccountCursor cursor) =>
        cursor.TierRuns.Values.Append(cursor.Position).Append(cursor.SnapshotCutoff ?? cursor.Position).Max();

    private static AccountCursor Closed(AccountCursor cursor, WindowPlan plan, DateTimeOffset now)
    {
        var runs = new Dictionary<string, DateTimeOffset>(cursor.TierRuns);
        foreach (var tier in plan.TiersDue)
        {
            runs[tier.Key] = now;
        }

        return cursor with { SnapshotDone = true, TierRuns = runs };
    }
}
