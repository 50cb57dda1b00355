using Streamer.Simulator.Control;
using Streamer.Simulator.Generation;
using Streamer.Simulator.Store;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator;

/// <summary>The answers of <c>/_sim/stats</c>: one tenant's (tenant 0's by default), or all tenants' summed.</summary>
internal sealed class SimulatorStatsReader(Tenants tenants, SimulatorStats stats, AllTenantTraffic all, FilterSwitch filter)
{
    public int Count => tenants.Count;

    public SimStats Of(int index)
    {
        var tenant = tenants.Peek(index);
        var result = Server();
        result.Records = tenant?.Store.RecordCount ?? 0;
        result.Changes = tenant?.Store.ChangeCount ?? 0;
        result.Generating = all.Running || tenant?.Traffic.Running == true;
        result.FilterOn = filter.Status(index).FilterOn;
        result.TenantRequests = tenants.Requests(index);
        return result;
    }

    public SimStats All()
    {
        var result = Server();
        var filters = new HashSet<TimestampField> { tenants.DefaultFilter };
        var generating = all.Running;
        foreach (var tenant in tenants.All())
        {
            result.Records += tenant.Store.RecordCount;
            result.Changes += tenant.Store.ChangeCount;
            generating |= tenant.Traffic.Running;
            filters.Add(tenant.Store.FilterOn);
        }

        result.Generating = generating;
        result.FilterOn = filters.Count == 1 ? filters.Single().ToString() : "Mixed";
        result.TenantRequests = tenants.AllRequests();
        return result;
    }

    private SimStats Server() => new()
    {
        Requests = stats.Requests,
        FaultsInjected = stats.FaultsInjected,
        PageOneChanges = stats.PageOneChanges,
        TargetHits = stats.TargetHits,
        Tenants = tenants.Count,
        TenantsActive = tenants.Created,
    };
}
