namespace Streamer.Worker.Cluster;

/// <summary>
/// What this instance polls: the accounts assigned to it now, and again each time that set changes (an account added,
/// updated, disabled or removed; a lease taken, lost or handed over). The polling service builds a poller for each
/// account that appears and stops and disposes the poller of each that goes.
/// </summary>
internal interface IAccountSource
{
    /// <summary>Yields the current assignment first, then every change; ends when cancelled or when no change can follow.</summary>
    IAsyncEnumerable<IReadOnlyList<AccountAssignment>> WatchAsync(CancellationToken cancellationToken);
}
