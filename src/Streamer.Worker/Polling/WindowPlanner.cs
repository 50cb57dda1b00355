using System.Globalization;
using Streamer.Worker.Configuration;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>
/// Decides what a poll reads: the incremental window <c>[cursor - overlap, now - safety lag]</c>, widened
/// to the horizon of every re-scan tier that is due. Pure, so its rules are tested without any I/O.
/// </summary>
public static class WindowPlanner
{
    /// <summary>Plans the next poll of an account.</summary>
    public static WindowPlan Plan(AccountCursor? cursor, DateTimeOffset now, PollingOptions options)
    {
        var to = TruncateToSecond(now - options.SafetyLag);
        var tiers = options.EffectiveRescans;
        if (cursor is null)
        {
            var start = TruncateToSecond(options.StartFrom ?? now - options.InitialLookback);
            return new WindowPlan(start, to, Snapshot: true, Enumerable.Range(0, tiers.Count).ToArray());
        }

        var from = TruncateToSecond(cursor.Position - options.Overlap);
        var due = new List<int>();
        for (var i = 0; i < tiers.Count; i++)
        {
            if (!cursor.TierRuns.TryGetValue(TierKey(i), out var last) || now - last >= tiers[i].Every)
            {
                due.Add(i);
                var tierFrom = TruncateToSecond(to - tiers[i].Horizon);
                if (tierFrom < from)
                {
                    from = tierFrom;
                }
            }
        }

        return new WindowPlan(from, to, Snapshot: !cursor.SnapshotDone, due);
    }

    /// <summary>How far past now a saved instant is still taken as it is: clocks under NTP differ by far less.</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The cursor with every instant later than <paramref name="now"/> plus <see cref="FutureTolerance"/> (its
    /// position, its tier runs, its snapshot cut-off) set to <paramref name="now"/> (the position in whole
    /// seconds); the same instance when none is. A cursor saved while the clock ran ahead would otherwise make every window empty and every tier not
    /// due until the clock caught up. Clamped tiers are due again after their interval, and cover what the
    /// clamped position skipped.
    /// </summary>
    public static AccountCursor Clamp(AccountCursor cursor, DateTimeOffset now)
    {
        var latest = now + FutureTolerance;
        if (cursor.Position <= latest && !(cursor.SnapshotCutoff > latest) && cursor.TierRuns.Values.All(run => run <= latest))
        {
            return cursor;
        }

        return cursor with
        {
            Position = cursor.Position > latest ? TruncateToSecond(now) : cursor.Position,
            SnapshotCutoff = cursor.SnapshotCutoff > latest ? now : cursor.SnapshotCutoff,
            TierRuns = cursor.TierRuns.ToDictionary(run => run.Key, run => run.Value > latest ? now : run.Value, StringComparer.Ordinal),
        };
    }

    /// <summary>The key of a tier in <see cref="AccountCursor.TierRuns"/>.</summary>
    public static string TierKey(int index) => index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The longest re-scan horizon: state older than it is never needed again.</summary>
    public static TimeSpan LongestHorizon(PollingOptions options) =>
        options.EffectiveRescans.Count == 0 ? options.Overlap : options.EffectiveRescans.Max(t => t.Horizon);

    /// <summary>Drops the fraction of a second: the API's timestamps have whole seconds.</summary>
    public static DateTimeOffset TruncateToSecond(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);
}
