namespace Streamer.Worker.Cluster;

/// <summary>The accounts this instance polls now, with their fences: for readiness and the health report.</summary>
internal sealed class InstanceAccounts
{
    private volatile IReadOnlyList<AccountAssignment>? current;

    /// <summary>The accounts, or null before the polling service got its first assignment.</summary>
    public IReadOnlyList<AccountAssignment>? Current => current;

    /// <summary>The polling service follows a new assignment.</summary>
    public void Set(IReadOnlyList<AccountAssignment> assignment) => current = [.. assignment];
}
