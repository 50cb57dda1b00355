using Streamer.Worker.Configuration;

namespace Streamer.Worker.Polling;

/// <summary>What one poll reads: <c>[From, To]</c> inclusive, in whole seconds.</summary>
/// <param name="From">First second read.</param>
/// <param name="To">Last second read (now minus the safety lag).</param>
/// <param name="Snapshot">True while streaming the first start's snapshot.</param>
/// <param name="TiersDue">The re-scan tiers this poll covers.</param>
public sealed record WindowPlan(DateTimeOffset From, DateTimeOffset To, bool Snapshot, IReadOnlyList<RescanTier> TiersDue)
{
    /// <summary>True when there is nothing to read yet.</summary>
    public bool IsEmpty => From > To;
}
