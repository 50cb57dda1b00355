using Streamer.Worker.Outbox;

namespace Streamer.Worker.Cluster;

/// <summary>
/// The accounts this instance polls now, with their fences: for readiness and the health report. When it takes an
/// account over from another instance, the outbox relay reads the store once (<see cref="OutboxFeed.RequestCatchUp"/>):
/// what the previous owner committed and did not publish (a kill, a pause) is published by the new owner.
/// </summary>
internal sealed class InstanceAccounts(OutboxFeed? feed = null) : IAccountScope
{
    private volatile IReadOnlyList<AccountAssignment>? current;

    /// <summary>The accounts, or null before the polling service got its first assignment.</summary>
    public IReadOnlyList<AccountAssignment>? Current => current;

    /// <inheritdoc />
    /// <remarks>Null until the first assignment and for accounts without leases (SQLite); in a cluster, the leased ones, maybe none.</remarks>
    public IReadOnlyCollection<string>? Owned => current is { } accounts && accounts.All(a => a.Fence is not null) ? [.. accounts.Select(a => a.Name)] : null;

    /// <summary>The polling service follows a new assignment.</summary>
    public void Set(IReadOnlyList<AccountAssignment> assignment)
    {
        var previous = current;
        current = [.. assignment];

        // The relay reads the whole store when it starts: only accounts gained later need a catch-up.
        if (previous is not null && assignment.Any(a => !previous.Any(p => string.Equals(p.Name, a.Name, StringComparison.Ordinal))))
        {
            feed?.RequestCatchUp();
        }
    }
}
