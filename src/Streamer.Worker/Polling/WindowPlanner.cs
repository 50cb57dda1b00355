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
    /// <summary>Plans the next poll of an account under the configured filter's tiers.</summary>
    public static WindowPlan Plan(AccountCursor? cursor, DateTimeOffset now, PollingOptions options) =>
        Plan(cursor, now, options, options.EffectiveRescans);

    /// <summary>Plans the next poll of an account under <paramref name="tiers"/> (those of the filter the API is taken to use).</summary>
    public static WindowPlan Plan(AccountCursor? cursor, DateTimeOffset now, PollingOptions options, IReadOnlyList<RescanTier> tiers)
    {
        var to = TruncateToSecond(now - options.SafetyLag);
        if (cursor is null)
        {
            var start = TruncateToSecond(options.StartFrom ?? now - options.InitialLookback);
            return new WindowPlan(start, to, Snapshot: true, tiers);
        }

        var from = TruncateToSecond(cursor.Position - options.Overlap);
        var due = new List<RescanTier>();
        foreach (var tier in tiers)
        {
            if (!cursor.TierRuns.TryGetValue(tier.Key, out var last) || now - last >= tier.Every)
            {
                due.Add(tier);
                var tierFrom = TruncateToSecond(to - tier.Horizon);
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

    /// <summary>
    /// The cursor with its tier runs keyed by <see cref="RescanTier.Key"/>: a cursor written before tiers were
    /// keyed by horizon names them by their index in the tier list configured then, <paramref name="legacy"/>.
    /// The same instance when there is nothing to rename.
    /// </summary>
    public static AccountCursor KeyTierRuns(AccountCursor cursor, IReadOnlyList<RescanTier> legacy)
    {
        if (!cursor.TierRuns.Keys.Any(IsIndex))
        {
            return cursor;
        }

        var runs = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (key, run) in cursor.TierRuns)
        {
            var named = key;
            if (IsIndex(key))
            {
                var index = int.Parse(key, CultureInfo.InvariantCulture);
                named = index < legacy.Count ? legacy[index].Key : null;
            }

            if (named is not null && (!runs.TryGetValue(named, out var known) || known < run))
            {
                runs[named] = run;
            }
        }

        return cursor with { TierRuns = runs };
    }

    /// <summary>The longest re-scan horizon: state older than it is never needed again.</summary>
    public static TimeSpan LongestHorizon(PollingOptions options) =>
        options.RescansFor(TimeFilter.CreatedAt).Concat(options.RescansFor(TimeFilter.UpdatedAt)).Select(t => t.Horizon).Append(options.Overlap).Max();

    private static bool IsIndex(string key) => key.Length is > 0 and < 4 && key.All(char.IsAsciiDigit);

    /// <summary>Drops the fraction of a second: the API's timestamps have whole seconds.</summary>
    public static DateTimeOffset TruncateToSecond(DateTimeOffset value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerSecond), value.Offset);
}
