namespace Streamer.Worker.Cluster;

/// <summary>One account's lease: who owns it, under which fencing token, until when (on the lease store's clock).</summary>
/// <param name="Account">The account.</param>
/// <param name="Owner">The owning instance's id.</param>
/// <param name="Token">The fencing token: it grows on every acquisition of this account's lease, by any instance.</param>
/// <param name="ExpiresAt">When the lease lapses unless renewed.</param>
public sealed record Lease(string Account, string Owner, long Token, DateTimeOffset ExpiresAt)
{
    /// <summary>The fence of writes made under this lease.</summary>
    public FencingToken Fence => new(Owner, Account, Token);
}
