using Streamer.Worker.Configuration;

namespace Streamer.Worker.Cluster;

/// <summary>
/// The leases this instance holds and polls by: each with the account's settings and when its last renewal was
/// sent (on the monotonic clock). A lease counts as held locally only until then plus the lease duration: past that
/// the store may have given it to another instance, so the account stops even if no renewal could tell. Used by the
/// coordinator's loop only. Each holding has a token (<see cref="AccountAssignment.Held"/>) cancelled when it is
/// dropped, so the account's poll stops at the loss rather than when the polling service next applies the assignment.
/// </summary>
internal sealed class LeaseHoldings(TimeProvider time, TimeSpan leaseDuration, ILogger logger)
{
    private readonly Dictionary<string, (Lease Lease, AccountOptions Account, long RenewedAt, CancellationTokenSource Held)> held = new(StringComparer.Ordinal);

    /// <summary>The accounts held.</summary>
    public IReadOnlyCollection<string> Accounts => held.Keys;

    /// <summary>The leases held.</summary>
    public IReadOnlyList<Lease> Leases => [.. held.Values.Select(h => h.Lease)];

    /// <summary>The lease of <paramref name="account"/>.</summary>
    public Lease LeaseOf(string account) => held[account].Lease;

    /// <summary>A lease was acquired (or renewed) by a call sent at <paramref name="sentAt"/>.</summary>
    public void Hold(Lease lease, AccountOptions account, long sentAt)
    {
        if (held.Remove(lease.Account, out var previous))
        {
            End(previous.Held);
        }

        held[lease.Account] = (lease, account, sentAt, new CancellationTokenSource());
    }

    /// <summary>A renewal sent at <paramref name="sentAt"/> succeeded.</summary>
    public void Renewed(Lease lease, long sentAt)
    {
        if (held.TryGetValue(lease.Account, out var known) && known.Lease.Token == lease.Token)
        {
            held[lease.Account] = known with { Lease = lease, RenewedAt = sentAt };
        }
    }

    /// <summary>The directory's current settings of the held accounts (an updated secret rebuilds the poller).</summary>
    public void Refresh(IReadOnlyDictionary<string, AccountOptions> directory)
    {
        foreach (var (name, known) in held.ToList())
        {
            if (directory.TryGetValue(name, out var account))
            {
                held[name] = known with { Account = account };
            }
        }
    }

    /// <summary>Stops polling <paramref name="account"/> (its lease lost or handed over); logs why.</summary>
    public void Drop(string account, string reason)
    {
        if (held.Remove(account, out var known))
        {
            End(known.Held);
            Log.LeaseLost(logger, account, known.Lease.Token, reason);
        }
    }

    /// <summary>Drops the held lease under <paramref name="fence"/> (a write under it was refused).</summary>
    public void DropFenced(FencingToken fence)
    {
        if (held.TryGetValue(fence.Account, out var known) && known.Lease.Token == fence.Token)
        {
            Drop(fence.Account, "a state write under it was refused");
        }
    }

    /// <summary>Drops every lease whose last renewal was sent a lease duration ago or more.</summary>
    public void DropExpired()
    {
        foreach (var (name, known) in held.ToList())
        {
            if (time.GetElapsedTime(known.RenewedAt) >= leaseDuration)
            {
                Drop(name, "not renewed within the lease duration (this instance was paused or the store unreachable)");
            }
        }
    }

    /// <summary>Drops every lease (a renewal failed: none can be trusted).</summary>
    public void DropAll(string reason)
    {
        foreach (var name in held.Keys.ToList())
        {
            Drop(name, reason);
        }
    }

    /// <summary>Forgets every lease without logging (they are being released).</summary>
    public void Clear()
    {
        foreach (var known in held.Values)
        {
            End(known.Held);
        }

        held.Clear();
    }

    /// <summary>What the instance is to poll: each held account with its fence.</summary>
    public IReadOnlyList<AccountAssignment> Assignment() =>
        [.. held.Values.OrderBy(h => h.Lease.Account, StringComparer.Ordinal).Select(h => new AccountAssignment(h.Account, h.Lease.Fence) { Held = h.Held.Token })];

    // At once, on this thread, so the account's poll is cancelled before the loss is logged. A failing registration
    // (the poll's own cancellation) does not keep the holding from ending.
    private static void End(CancellationTokenSource holding)
    {
        try
        {
            holding.Cancel();
        }
        catch (AggregateException)
        {
        }
    }
}
