using Streamer.Worker.Detection;

namespace Streamer.Worker.Polling.Scheduling;

/// <summary>
/// Where each account's first poll falls, so that the accounts of an instance do not wake in step. The accounts
/// that share an interval are ranked by a stable hash of their name (the same order on every start, whatever the
/// order of the configuration) and spread evenly over the interval: the k-th of n starts k x interval / n after
/// the start, plus a random jitter of up to half that spacing (never reordering them). The first starts at once.
/// Later polls keep the phase: every interval after the first.
/// </summary>
internal static class PollPhases
{
    /// <summary>The delay of each account's first poll after the start, in the order of <paramref name="accounts"/>.</summary>
    public static TimeSpan[] FirstPolls(IReadOnlyList<(string Name, TimeSpan Interval)> accounts, Random random)
    {
        var offsets = new TimeSpan[accounts.Count];
        foreach (var group in Enumerable.Range(0, accounts.Count).GroupBy(i => accounts[i].Interval))
        {
            var ranked = group
                .OrderBy(i => StableHash.Of(accounts[i].Name))
                .ThenBy(i => accounts[i].Name, StringComparer.Ordinal)
                .ToList();
            var spacing = group.Key / ranked.Count;
            for (var k = 1; k < ranked.Count; k++)
            {
                offsets[ranked[k]] = (spacing * k) + (spacing * (random.NextDouble() / 2));
            }
        }

        return offsets;
    }
}
