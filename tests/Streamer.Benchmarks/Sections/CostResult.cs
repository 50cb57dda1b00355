using Streamer.Simulator.Control;

namespace Streamer.Benchmarks.Sections;

/// <summary>What one case of (i) cost.</summary>
/// <param name="Case">The setting.</param>
/// <param name="Changes">Changes made while live traffic was measured.</param>
/// <param name="PerThousand">API requests per 1,000 of those changes.</param>
/// <param name="PerIdleMinute">API requests per minute once traffic stopped.</param>
/// <param name="Decision">What the worker took the API to filter on at the end.</param>
public sealed record CostResult(CostCase Case, long Changes, double PerThousand, double PerIdleMinute, string Decision)
{
    /// <summary>The figures of a case from the simulator's counters at the phases' bounds.</summary>
    public static CostResult Of(CostCase costCase, SimStats liveFrom, SimStats liveTo, SimStats idleFrom, SimStats idleTo, TimeSpan idle, string decision)
    {
        var changes = liveTo.Changes - liveFrom.Changes;
        return new CostResult(
            costCase,
            changes,
            changes == 0 ? double.NaN : 1000.0 * (liveTo.Requests - liveFrom.Requests) / changes,
            (idleTo.Requests - idleFrom.Requests) / idle.TotalMinutes,
            decision);
    }
}
