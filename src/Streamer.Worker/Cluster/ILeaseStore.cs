namespace Streamer.Worker.Cluster;

/// <summary>
/// The lease table shared by the instances of a cluster (a PostgreSQL table in production). Every call is atomic in
/// the real store (one statement or transaction, its own clock for every expiry), so two instances never both
/// acquire one account's lease, and a token is never handed out twice.
/// </summary>
public interface ILeaseStore
{
    /// <summary>The live instances and the unexpired leases.</summary>
    Task<LeaseTable> ReadAsync(CancellationToken cancellationToken);

    /// <summary>Announces <paramref name="instance"/> as live for <paramref name="duration"/> from now (on the store's clock).</summary>
    Task HeartbeatAsync(string instance, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Withdraws <paramref name="instance"/> (graceful shutdown): the others count it out at once.</summary>
    Task LeaveAsync(string instance, CancellationToken cancellationToken);

    /// <summary>
    /// Acquires <paramref name="account"/>'s lease for <paramref name="instance"/> if it has none, its lease expired,
    /// or <paramref name="instance"/> itself owns it: with a token one above the last ever given for the account,
    /// for <paramref name="duration"/>. Null when another instance holds a live lease.
    /// </summary>
    Task<Lease?> TryAcquireAsync(string account, string instance, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>
    /// Extends each of <paramref name="leases"/> by <paramref name="duration"/> from now if it is still live and still
    /// owned by its owner under its token; returns those renewed. A lease missing from the result is lost.
    /// </summary>
    Task<IReadOnlyList<Lease>> RenewAsync(IReadOnlyList<Lease> leases, TimeSpan duration, CancellationToken cancellationToken);

    /// <summary>Ends <paramref name="lease"/> now if it is still owned under its token (a handover or a shutdown); otherwise nothing.</summary>
    Task ReleaseAsync(Lease lease, CancellationToken cancellationToken);
}
