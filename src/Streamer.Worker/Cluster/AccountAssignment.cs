using Streamer.Worker.Configuration;

namespace Streamer.Worker.Cluster;

/// <summary>
/// An account this instance is to poll: its settings and, when it holds the account by a lease, the fence its state
/// writes carry (null with SQLite, where the file lock stands for the lease).
/// </summary>
/// <param name="Account">The account's settings (its secret included: never logged).</param>
/// <param name="Fence">The lease's fence, or null.</param>
public sealed record AccountAssignment(AccountOptions Account, FencingToken? Fence)
{
    /// <summary>The account's name.</summary>
    public string Name => Account.Name;

    /// <summary>
    /// Cancelled the moment this instance stops holding the account's lease (lost, lapsed, handed over, released),
    /// before the loss is logged: a poll still running then ends without finishing its window. Never cancelled for a
    /// configured account.
    /// </summary>
    public CancellationToken Held { get; init; }

    /// <summary>
    /// Whether <paramref name="other"/> polls the same way: same settings, fence and holding. Any difference (an
    /// updated secret or interval, a lease taken anew) means the account's poller is built again.
    /// </summary>
    public bool SameAs(AccountAssignment other) =>
        Fence == other.Fence
        && Held == other.Held
        && string.Equals(Account.Name, other.Account.Name, StringComparison.Ordinal)
        && string.Equals(Account.BaseUrl, other.Account.BaseUrl, StringComparison.Ordinal)
        && string.Equals(Account.TenantId, other.Account.TenantId, StringComparison.Ordinal)
        && string.Equals(Account.AppKey, other.Account.AppKey, StringComparison.Ordinal)
        && string.Equals(Account.AccessKey, other.Account.AccessKey, StringComparison.Ordinal)
        && string.Equals(Account.AccessSecret, other.Account.AccessSecret, StringComparison.Ordinal)
        && string.Equals(Account.TimeZone, other.Account.TimeZone, StringComparison.Ordinal)
        && Account.PollInterval == other.Account.PollInterval
        && Account.AllowInsecureTransport == other.Account.AllowInsecureTransport;
}
