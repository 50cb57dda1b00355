using Streamer.Worker.Configuration;
using Streamer.Worker.Polling;
using Streamer.Worker.State;

namespace Streamer.Tests.Polling;

public sealed class WindowPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, 500, TimeSpan.Zero);

    [Fact]
    public void Plan_NoCursor_SnapshotsTheLookback()
    {
        var options = new PollingOptions { InitialLookback = TimeSpan.FromHours(24), SafetyLag = TimeSpan.FromSeconds(2) };

        var plan = WindowPlanner.Plan(null, Now, options);

        Assert.True(plan.Snapshot);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero), plan.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 11, 59, 58, TimeSpan.Zero), plan.To);
        Assert.Equal(["15m", "1d", "7d"], plan.TiersDue.Select(t => t.Key));
    }

    [Fact]
    public void Plan_NoCursorWithStartFrom_StartsThere()
    {
        var start = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

        var plan = WindowPlanner.Plan(null, Now, new PollingOptions { StartFrom = start });

        Assert.Equal(start, plan.From);
    }

    [Fact]
    public void Plan_CreatedAtWithRecentTiers_WidensToDueTierHorizons()
    {
        var options = new PollingOptions { FilterOn = TimeFilter.CreatedAt, Overlap = TimeSpan.FromSeconds(30) };
        var runs = new Dictionary<string, DateTimeOffset>
        {
            ["15m"] = Now.AddSeconds(-5),
            ["1d"] = Now.AddMinutes(-6),
            ["7d"] = Now.AddMinutes(-10),
        };
        var cursor = new AccountCursor(Now.AddSeconds(-10), SnapshotDone: true, runs);

        var plan = WindowPlanner.Plan(cursor, Now, options);

        // Tier 0 (15 min, every poll) and tier 1 (24 h, every 5 min) are due, tier 2 (7 d, hourly) is not.
        Assert.Equal(["15m", "1d"], plan.TiersDue.Select(t => t.Key));
        Assert.Equal(WindowPlanner.TruncateToSecond(Now.AddSeconds(-2)).AddHours(-24), plan.From);
        Assert.False(plan.Snapshot);
    }

    [Fact]
    public void Plan_UpdatedAtNoTierDue_ReadsCursorMinusOverlap()
    {
        var options = new PollingOptions { FilterOn = TimeFilter.UpdatedAt, Overlap = TimeSpan.FromSeconds(30) };
        var cursor = new AccountCursor(Now.AddSeconds(-10), SnapshotDone: true, new Dictionary<string, DateTimeOffset> { ["7d"] = Now.AddHours(-1) });

        var plan = WindowPlanner.Plan(cursor, Now, options);

        Assert.Empty(plan.TiersDue);
        Assert.Equal(WindowPlanner.TruncateToSecond(Now.AddSeconds(-40)), plan.From);
    }

    [Fact]
    public void Plan_CursorAheadOfNowMinusLag_IsEmpty()
    {
        var options = new PollingOptions { FilterOn = TimeFilter.UpdatedAt, Overlap = TimeSpan.Zero, SafetyLag = TimeSpan.FromSeconds(5) };
        var cursor = new AccountCursor(Now, SnapshotDone: true, new Dictionary<string, DateTimeOffset> { ["7d"] = Now });

        Assert.True(WindowPlanner.Plan(cursor, Now, options).IsEmpty);
    }

    [Fact]
    public void LongestHorizon_ConfiguredTiers_IsTheirMaximum()
    {
        var options = new PollingOptions { Rescans = [new() { Horizon = TimeSpan.FromHours(2) }, new() { Horizon = TimeSpan.FromHours(5), Every = TimeSpan.FromMinutes(1) }] };

        Assert.Equal(TimeSpan.FromHours(5), WindowPlanner.LongestHorizon(options));
    }

    [Fact]
    public void Clamp_PositionRunsAndCutoffAheadOfTheClock_SetToNow()
    {
        var cursor = new AccountCursor(Now.AddYears(1), SnapshotDone: true, new Dictionary<string, DateTimeOffset> { ["0"] = Now.AddDays(2), ["1"] = Now.AddMinutes(-5) })
        {
            SnapshotCutoff = Now.AddYears(1),
        };

        var clamped = WindowPlanner.Clamp(cursor, Now);

        Assert.Equal(WindowPlanner.TruncateToSecond(Now), clamped.Position);
        Assert.Equal(Now, clamped.SnapshotCutoff);
        Assert.Equal(Now, clamped.TierRuns["0"]);
        Assert.Equal(Now.AddMinutes(-5), clamped.TierRuns["1"]);
        Assert.True(clamped.SnapshotDone);
    }

    [Fact]
    public void Clamp_WithinTheTolerance_TheSameCursor()
    {
        var cursor = new AccountCursor(Now.AddSeconds(30), SnapshotDone: true, new Dictionary<string, DateTimeOffset> { ["0"] = Now.AddSeconds(59) })
        {
            SnapshotCutoff = Now,
        };

        Assert.Same(cursor, WindowPlanner.Clamp(cursor, Now));
    }

    [Fact]
    public void Plan_ClampedCursorSavedAYearAhead_ReadsTheOverlapBeforeNowAgain()
    {
        var options = new PollingOptions { FilterOn = TimeFilter.UpdatedAt, Overlap = TimeSpan.FromSeconds(30), SafetyLag = TimeSpan.FromSeconds(2) };
        var cursor = new AccountCursor(Now.AddYears(1), SnapshotDone: true, new Dictionary<string, DateTimeOffset> { ["7d"] = Now.AddYears(1) });

        Assert.True(WindowPlanner.Plan(cursor, Now, options).IsEmpty);
        var plan = WindowPlanner.Plan(WindowPlanner.Clamp(cursor, Now), Now, options);

        Assert.False(plan.IsEmpty);
        Assert.Equal(WindowPlanner.TruncateToSecond(Now.AddSeconds(-30)), plan.From);
        Assert.Empty(plan.TiersDue);
    }

    [Fact]
    public void Plan_UpdatedAtTiersOverRunsOfCreatedAtTiers_SevenDayRunCountsWhateverListRanIt()
    {
        var options = new PollingOptions { FilterOn = TimeFilter.Auto, Overlap = TimeSpan.FromSeconds(30) };
        var runs = new Dictionary<string, DateTimeOffset> { ["15m"] = Now.AddSeconds(-5), ["1d"] = Now.AddMinutes(-1), ["7d"] = Now.AddMinutes(-30) };
        var cursor = new AccountCursor(Now.AddSeconds(-10), SnapshotDone: true, runs);

        var underCreated = WindowPlanner.Plan(cursor, Now, options, options.RescansFor(TimeFilter.CreatedAt));
        var underUpdated = WindowPlanner.Plan(cursor, Now, options, options.RescansFor(TimeFilter.UpdatedAt));

        Assert.Equal(["15m"], underCreated.TiersDue.Select(t => t.Key));
        Assert.Empty(underUpdated.TiersDue);
        Assert.Equal(WindowPlanner.TruncateToSecond(Now.AddSeconds(-40)), underUpdated.From);
    }

    [Fact]
    public void KeyTierRuns_IndexKeysOfAnOlderCursor_NamedByTheTiersTheyIndexed()
    {
        var legacy = new PollingOptions { FilterOn = TimeFilter.CreatedAt }.EffectiveRescans;
        var cursor = new AccountCursor(Now, SnapshotDone: true, new Dictionary<string, DateTimeOffset>
        {
            ["0"] = Now.AddSeconds(-1),
            ["2"] = Now.AddMinutes(-30),
            ["9"] = Now.AddDays(-1),
        });

        var keyed = WindowPlanner.KeyTierRuns(cursor, legacy);

        Assert.Equal(
            new Dictionary<string, DateTimeOffset> { ["15m"] = Now.AddSeconds(-1), ["7d"] = Now.AddMinutes(-30) },
            keyed.TierRuns);
        Assert.Same(keyed, WindowPlanner.KeyTierRuns(keyed, legacy));
    }

    [Fact]
    public void LongestHorizon_Auto_CoversTheTiersOfEitherFilter()
    {
        var options = new PollingOptions { FilterOn = TimeFilter.Auto };

        var longest = WindowPlanner.LongestHorizon(options);

        Assert.Equal(options.RescansFor(TimeFilter.CreatedAt).Concat(options.RescansFor(TimeFilter.UpdatedAt)).Max(t => t.Horizon), longest);
        Assert.Equal(TimeSpan.FromDays(7), longest);
    }
}
