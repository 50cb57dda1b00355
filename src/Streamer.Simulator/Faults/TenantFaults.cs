using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Faults;

/// <summary>
/// Which fault knobs a request gets: its tenant's own, once <c>POST /_sim/faults?tenant=i</c> gave it some (a slow or
/// failing account among healthy ones), else the server's. A chat records request's tenant is the one its accessKey
/// header names (faults are drawn before the request is checked); a media download's is the one its record id belongs to.
/// </summary>
internal sealed class TenantFaults(
    FaultInjector server,
    TenantDirectory directory,
    IOptions<SimulatorOptions> options,
    SimulatorClock clock,
    SimulatorStats stats,
    ILogger<FaultInjector> logger)
{
    private readonly ConcurrentDictionary<int, FaultInjector> own = new();

    public int Count => directory.Count;

    /// <summary>The server's knobs: those of every tenant without its own.</summary>
    public FaultInjector Server => server;

    public FaultInjector For(int tenant) => !own.IsEmpty && own.TryGetValue(tenant, out var faults) ? faults : server;

    public FaultInjector ForRequest(HttpRequest request) =>
        own.IsEmpty || request.Headers[NxlinkHeaders.AccessKey].ToString() is not { Length: > 0 } accessKey || directory.IndexOfAccessKey(accessKey) is not { } tenant
            ? server
            : For(tenant);

    public FaultInjector ForRecord(long recordId) => own.IsEmpty ? server : For(directory.TenantOfRecord(recordId));

    /// <summary>The tenant's own knobs, made now from the server's current ones if it had none.</summary>
    public FaultInjector Own(int tenant) => own.GetOrAdd(tenant, index =>
    {
        var faults = new FaultInjector(options, clock, stats, logger, index);
        faults.Apply(server.Settings);
        return faults;
    });
}
