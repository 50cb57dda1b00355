using Streamer.Worker.Outbox;

namespace Streamer.Worker.Cluster;

/// <summary>
/// The accounts this instance polls now, with their fences: for readiness and the health report. When it takes an
/// account over from another instance, the outbox relay reads the store once (<see cref="OutboxFeed.RequestCatchUp"/>):
/// what the previous owner committed and did not publish (a kill, a pause) is published by the new owner.
/// </summary>
internal sealed class InstanceAccounts(OutboxFeed? feed = null)
{
    private volatile IReadOnlyList<AccountAssignment>? current;

    /// <summary>The accounts, or null before the polling service got its first assignment.</summary>
    public IReadOnlyList<AccountAssignment>? Current => current;

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
