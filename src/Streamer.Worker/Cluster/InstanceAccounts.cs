using Streamer.Worker.Outbox;

namespace Streamer.Worker.Cluster;

/// <summary>
/// The accounts this instance polls now, with their fences: for readiness and the health report. When it takes an
/// account over from another instance, the outbox relay reads the store once (<see cref="OutboxFeed.RequestCatchUp"/>):
/// what the previous owner committed and did not publish (a kill, a pause) is published by the new owner.
/// </summary>
internal sealed class InstanceAccounts(OutboxFeed? feed = null) : IAccountScope
{
    private volatile Snapshot? current;

    /// <summary>The accounts, or null before the polling service got its first assignment.</summary>
    public IReadOnlyList<AccountAssignment>? Current => current?.Accounts;

    /// <inheritdoc />
    /// <remarks>Null until the first assignment and for accounts without leases (SQLite); in a cluster, the leased ones, maybe none.</remarks>
    public IReadOnlyCollection<string>? Owned => current?.Owned;

    /// <summary>The polling service follows a new assignment.</summary>
    public void Set(IReadOnlyList<AccountAssignment> assignment)
    {
        var previous = current;
        var next = new Snapshot([.. assignment]);
        current = next;

        // The relay reads the whole store when it starts: only accounts gained later need a catch-up.
        if (previous is not null && !next.Names.IsSubsetOf(previous.Names))
        {
            feed?.RequestCatchUp();
        }
    }

    // One assignment with what is read of it often (the media archiver asks for the owned names at every read of its
    // queue), computed once.
    private sealed class Snapshot
    {
        public Snapshot(AccountAssignment[] accounts)
        {
            Accounts = accounts;
            Names = new HashSet<string>(accounts.Select(a => a.Name), StringComparer.Ordinal);
            Owned = accounts.All(a => a.Fence is not null) ? [.. Names] : null;
        }

        public IReadOnlyList<AccountAssignment> Accounts { get; }

        public HashSet<string> Names { get; }

        public IReadOnlyCollection<string>? Owned { get; }
    }
}
