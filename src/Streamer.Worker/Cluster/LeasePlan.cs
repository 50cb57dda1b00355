using Streamer.Worker.Detection;

namespace Streamer.Worker.Cluster;

/// <summary>
/// What one instance does with the leases in one cycle, computed from the lease table alone (a pure function: every
/// instance computes its own from what it reads, with no coordinator).
/// <para>
/// With n enabled accounts and m live instances (this one counted even before others see it), the fair share is
/// <see cref="Share"/> = ceil(n / m): no instance holds more. The exact <see cref="Target"/>s add up to n: every
/// instance takes floor(n / m), and the n mod m instances that hold the most now (ties by id) one more, so the counts
/// differ by at most one and a settled cluster keeps its leases as they are.
/// </para>
/// <para>
/// Above its target an instance hands the extras over (<see cref="Release"/>): the accounts it ranks lowest, so it
/// gives up the same ones each cycle. Below it, it claims free accounts (no live lease), in its own order
/// (<see cref="Claim"/>, a rendezvous hash of account and instance), so that instances that claim at once mostly want
/// different accounts. Accounts no longer enabled are released; accounts this instance polls but no longer owns in
/// the table are <see cref="Lost"/>; accounts it owns in the table but does not poll (a renewal failed) are free to
/// it: claiming them again gives a new token.
/// </para>
/// </summary>
public sealed record LeasePlan
{
    /// <summary>ceil(accounts / live instances): the most any instance holds.</summary>
    public required int Share { get; init; }

    /// <summary>How many accounts this instance is to hold.</summary>
    public required int Target { get; init; }

    /// <summary>Leases this instance keeps polling and renews.</summary>
    public required IReadOnlyList<string> Keep { get; init; }

    /// <summary>Leases this instance hands over or gives up (extras, accounts no longer enabled).</summary>
    public required IReadOnlyList<string> Release { get; init; }

    /// <summary>Accounts this instance believes it holds but the table does not show as its own: stop them now.</summary>
    public required IReadOnlyList<string> Lost { get; init; }

    /// <summary>Free accounts in this instance's order of preference; claim until <see cref="Wanted"/> succeeded.</summary>
    public required IReadOnlyList<string> Claim { get; init; }

    /// <summary>How many more accounts this instance is to acquire.</summary>
    public required int Wanted { get; init; }

    /// <summary>The plan of <paramref name="self"/>, holding (polling) <paramref name="holding"/>, for <paramref name="accounts"/> given <paramref name="table"/>.</summary>
    public static LeasePlan For(string self, IReadOnlyCollection<string> accounts, IReadOnlyCollection<string> holding, LeaseTable table)
    {
        var enabled = accounts.ToHashSet(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var lease in table.Leases)
        {
            owners[lease.Account] = lease.Owner;
        }

        var mine = owners.Where(o => o.Value == self).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        var lost = holding.Where(a => !mine.Contains(a)).Order(StringComparer.Ordinal).ToList();
        var held = holding.Where(a => mine.Contains(a) && enabled.Contains(a)).ToList();
        var gone = holding.Where(a => mine.Contains(a) && !enabled.Contains(a)).Order(StringComparer.Ordinal).ToList();

        var instances = table.Instances.Append(self).Distinct(StringComparer.Ordinal).ToList();
        var n = enabled.Count;
        var m = instances.Count;
        var share = (n + m - 1) / m;
        var target = TargetOf(self, instances, owners.Where(o => enabled.Contains(o.Key)).Select(o => o.Value), n);

        var extras = Math.Max(0, held.Count - target);
        var release = held.OrderBy(a => Rank(a, self)).Take(extras).Order(StringComparer.Ordinal).ToList();
        var keep = held.Except(release, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        // Free to this instance: no live lease, or its own lease that it does not poll (taking it again fences the old token).
        var claim = enabled
            .Where(a => !owners.ContainsKey(a) || (mine.Contains(a) && !holding.Contains(a)))
            .OrderByDescending(a => Rank(a, self))
            .ThenBy(a => a, StringComparer.Ordinal)
            .ToList();
        return new LeasePlan
        {
            Share = share,
            Target = target,
            Keep = keep,
            Release = [.. gone, .. release],
            Lost = lost,
            Claim = claim,
            Wanted = Math.Min(claim.Count, Math.Max(0, target - keep.Count)),
        };
    }

    // floor(n / m) each, and one more for the n mod m instances holding the most (ties by id).
    private static int TargetOf(string self, List<string> instances, IEnumerable<string> owners, int n)
    {
        var m = instances.Count;
        var counts = owners.GroupBy(o => o, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var rank = instances
            .OrderByDescending(i => counts.GetValueOrDefault(i))
            .ThenBy(i => i, StringComparer.Ordinal)
            .ToList()
            .IndexOf(self);
        return (n / m) + (rank < n % m ? 1 : 0);
    }

    // A rendezvous hash of account and instance: each instance ranks the accounts in its own stable order.
    private static ulong Rank(string account, string instance)
    {
        var h = StableHash.Of($"{account}\n{instance}");

        // SplitMix64's finalizer: FNV alone changes little with the last characters.
        h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9UL;
        h = (h ^ (h >> 27)) * 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }

    /// <summary>
    /// How long from <paramref name="table"/>'s reading until the first lease of one of <paramref name="accounts"/>
    /// held by another instance lapses, plus 50 ms for the store's clock against this one, when the lapse comes within
    /// <paramref name="within"/> (the renewal period: a live owner renews sooner, so such a lease is likely its dead
    /// owner's); null otherwise.
    /// </summary>
    public static TimeSpan? NextLapse(string self, IReadOnlyCollection<string> accounts, LeaseTable table, TimeSpan within)
    {
        var lapse = table.Leases
            .Where(l => !string.Equals(l.Owner, self, StringComparison.Ordinal) && accounts.Contains(l.Account))
            .Select(l => l.ExpiresAt - table.Now)
            .DefaultIfEmpty(TimeSpan.MaxValue)
            .Min();
        return lapse < within ? lapse + TimeSpan.FromMilliseconds(50) : null;
    }
}
