using Microsoft.Extensions.Options;
using Streamer.Simulator.Generation;
using Streamer.Simulator.Media;

namespace Streamer.Simulator.Tenancy;

/// <summary>
/// The tenants, made on first use: a tenant nobody has written to is an empty slot (reads of it answer as an empty
/// tenant would), so 100,000 idle tenants cost under a megabyte. Tenant 0 exists from the start.
/// </summary>
internal sealed class Tenants
{
    private readonly Lock gate = new();
    private readonly Tenant?[] tenants;
    private readonly long[] requests;
    private readonly TenantServices services;
    private TimestampField defaultFilter;
    private int created;

    public Tenants(TenantDirectory directory, SimulatorClock clock, IOptions<SimulatorOptions> options, MediaLinks links, ILogger<LiveTraffic> trafficLogger, ILogger<Churn> churnLogger)
    {
        Directory = directory;
        services = new TenantServices(options, clock, links, directory, trafficLogger, churnLogger);
        defaultFilter = options.Value.FilterOn;
        tenants = new Tenant?[directory.Count];
        requests = new long[directory.Count];
        Journal = directory.Count > 1 ? new ChangeJournal() : null;
        Get(0);
    }

    public TenantDirectory Directory { get; }

    public int Count => tenants.Length;

    /// <summary>Every tenant's changes in one order; null with a single tenant (whose own ground truth is that order).</summary>
    public ChangeJournal? Journal { get; }

    /// <summary>Tenants made so far.</summary>
    public int Created => Volatile.Read(ref created);

    /// <summary>What a tenant made from now on filters on (what <c>/_sim/filter?tenant=all</c> set last).</summary>
    public TimestampField DefaultFilter
    {
        get
        {
            lock (gate)
            {
                return defaultFilter;
            }
        }
    }

    /// <summary>The tenant, made now if it was not yet.</summary>
    public Tenant Get(int index)
    {
        if (Volatile.Read(ref tenants[index]) is { } tenant)
        {
            return tenant;
        }

        lock (gate)
        {
            if (tenants[index] is null)
            {
                Volatile.Write(ref tenants[index], new Tenant(index, defaultFilter, Journal, services));
                created++;
            }

            return tenants[index]!;
        }
    }

    /// <summary>The tenant, or null when nothing has made it yet (it has no records, changes, traffic or churn).</summary>
    public Tenant? Peek(int index) => Volatile.Read(ref tenants[index]);

    /// <summary>The tenants made so far, in index order.</summary>
    public List<Tenant> All()
    {
        var all = new List<Tenant>(Created);
        for (var i = 0; i < tenants.Length; i++)
        {
            if (Volatile.Read(ref tenants[i]) is { } tenant)
            {
                all.Add(tenant);
            }
        }

        return all;
    }

    /// <summary>
    /// Sets what tenants made from now on filter on, and returns those made so far (under the same lock, so a tenant
    /// is either among them or made with the new filter).
    /// </summary>
    public List<Tenant> SetDefaultFilter(TimestampField filterOn)
    {
        lock (gate)
        {
            defaultFilter = filterOn;
            return All();
        }
    }

    public void CountRequest(int index) => Interlocked.Increment(ref requests[index]);

    /// <summary>Chat records requests authenticated as the tenant.</summary>
    public long Requests(int index) => Interlocked.Read(ref requests[index]);

    public long AllRequests()
    {
        long sum = 0;
        for (var i = 0; i < requests.Length; i++)
        {
            sum += Interlocked.Read(ref requests[i]);
        }

        return sum;
    }
}
