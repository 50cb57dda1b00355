using Streamer.Worker.Cluster;

namespace Streamer.Tests.Cluster;

/// <summary>
/// The lease table in memory for unit tests (never registered in the worker): one lock makes every call atomic, as
/// the database's transactions do; expiries are on <paramref name="time"/>. It keeps the history of acquisitions, so
/// tests can check that no account was ever owned by two instances at once, and it can be made to fail.
/// </summary>
internal sealed class InMemoryLeaseStore(TimeProvider time) : ILeaseStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Lease> leases = new(StringComparer.Ordinal);
    private readonly Dictionary<Lease, DateTimeOffset> acquired = [];
    private readonly Dictionary<string, long> lastToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> instances = new(StringComparer.Ordinal);
    private readonly List<(DateTimeOffset From, DateTimeOffset To, Lease Lease)> history = [];

    /// <summary>When set, every call throws it (the store unreachable).</summary>
    public Exception? Failure { get; set; }

    /// <summary>Every lease as it was held: from its acquisition to its end (release, takeover or expiry), or still open.</summary>
    public IReadOnlyList<(DateTimeOffset From, DateTimeOffset To, Lease Lease)> History
    {
        get
        {
            lock (gate)
            {
                var now = time.GetUtcNow();
                return [.. history, .. leases.Values.Select(l => (Acquired(l), l.ExpiresAt < now ? l.ExpiresAt : now, l))];
            }
        }
    }

    public Task<LeaseTable> ReadAsync(CancellationToken cancellationToken) => Run(() =>
    {
        var now = time.GetUtcNow();
        return new LeaseTable(now, [.. instances.Where(i => i.Value > now).Select(i => i.Key).Order(StringComparer.Ordinal)], [.. leases.Values.Where(l => l.ExpiresAt > now)]);
    });

    public Task HeartbeatAsync(string instance, TimeSpan duration, CancellationToken cancellationToken) => Run(() => instances[instance] = time.GetUtcNow() + duration);

    public Task LeaveAsync(string instance, CancellationToken cancellationToken) => Run(() => instances.Remove(instance));

    public Task<Lease?> TryAcquireAsync(string account, string instance, TimeSpan duration, CancellationToken cancellationToken) => Run(() =>
    {
        var now = time.GetUtcNow();
        if (leases.TryGetValue(account, out var current) && current.ExpiresAt > now && current.Owner != instance)
        {
            return null;
        }

        if (current is not null)
        {
            End(current, now);
        }

        var token = lastToken[account] = lastToken.GetValueOrDefault(account) + 1;
        var lease = leases[account] = new Lease(account, instance, token, now + duration);
        acquired[lease] = now;
        return lease;
    });

    public Task<IReadOnlyList<Lease>> RenewAsync(IReadOnlyList<Lease> held, TimeSpan duration, CancellationToken cancellationToken) => Run<IReadOnlyList<Lease>>(() =>
    {
        var now = time.GetUtcNow();
        var renewed = new List<Lease>();
        foreach (var lease in held)
        {
            if (leases.TryGetValue(lease.Account, out var current) && current.Owner == lease.Owner && current.Token == lease.Token && current.ExpiresAt > now)
            {
                var next = leases[lease.Account] = current with { ExpiresAt = now + duration };
                acquired[next] = Acquired(current);
                renewed.Add(next);
            }
        }

        return renewed;
    });

    public Task ReleaseAsync(Lease lease, CancellationToken cancellationToken) => Run(() =>
    {
        if (leases.TryGetValue(lease.Account, out var current) && current.Owner == lease.Owner && current.Token == lease.Token)
        {
            End(current, time.GetUtcNow());
            leases.Remove(lease.Account);
        }

        return true;
    });

    /// <summary>The check the database makes inside a commit's transaction: is this fence still the live lease?</summary>
    public bool Admits(FencingToken fence)
    {
        lock (gate)
        {
            return leases.TryGetValue(fence.Account, out var current) && current.Owner == fence.Instance && current.Token == fence.Token && current.ExpiresAt > time.GetUtcNow();
        }
    }

    /// <summary>Expires <paramref name="account"/>'s lease now (as if its owner stopped renewing long ago).</summary>
    public void Expire(string account)
    {
        lock (gate)
        {
            if (leases.TryGetValue(account, out var current))
            {
                var expired = leases[account] = current with { ExpiresAt = time.GetUtcNow() };
                acquired[expired] = Acquired(current);
            }
        }
    }

    private DateTimeOffset Acquired(Lease lease) => acquired.GetValueOrDefault(lease, time.GetUtcNow());

    private void End(Lease lease, DateTimeOffset now) => history.Add((Acquired(lease), lease.ExpiresAt < now ? lease.ExpiresAt : now, lease));

    private Task<T> Run<T>(Func<T> call)
    {
        lock (gate)
        {
            return Failure is { } failure ? Task.FromException<T>(failure) : Task.FromResult(call());
        }
    }

    private Task Run(Action call) => Run(() =>
    {
        call();
        return true;
    });
}
