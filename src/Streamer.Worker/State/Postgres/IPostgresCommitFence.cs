using Npgsql;

namespace Streamer.Worker.State.Postgres;

/// <summary>
/// The seam for fencing: checked first in every transaction that writes an account's state
/// (<see cref="PostgresStateStore.CommitAsync"/> and <see cref="PostgresStateStore.PruneAsync"/>), before
/// anything is written. An implementation confirms in that same transaction that this instance still holds
/// the account's lease with its token (and locks the lease row, <c>FOR SHARE</c>, so it cannot be taken over
/// until the commit ends), and throws when it does not: the whole commit is rolled back. None is registered
/// without the cluster layer: a single worker needs no fence.
/// </summary>
public interface IPostgresCommitFence
{
    /// <summary>
    /// Throws when <paramref name="account"/>'s state must no longer be written under <paramref name="fence"/> (the
    /// commit's <see cref="StateCommit.Fence"/>; null for a prune or a worker without leases).
    /// </summary>
    Task CheckAsync(NpgsqlTransaction transaction, string account, Cluster.FencingToken? fence, CancellationToken cancellationToken);
}
