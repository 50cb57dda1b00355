namespace Streamer.Worker.Cluster;

/// <summary>What the lease store shows at one instant: the live instances and the unexpired leases.</summary>
/// <param name="Now">The store's clock when it was read (expiries are on that clock).</param>
/// <param name="Instances">The ids of the instances whose presence has not expired.</param>
/// <param name="Leases">The leases that have not expired, one per account at most.</param>
public sealed record LeaseTable(DateTimeOffset Now, IReadOnlyList<string> Instances, IReadOnlyList<Lease> Leases);
