using System.Diagnostics;
using Microsoft.Extensions.Options;
using Streamer.Simulator.Fixtures;
using Streamer.Simulator.Generation;
using Streamer.Simulator.Store;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator;

/// <summary>
/// Fills tenant 0's store for the configured mode before the server takes requests, starts the traffic of all tenants
/// when TenantLiveRatePerMinute is set, schedules FilterSwitchAfter, and stops all traffic and churn at shutdown.
/// </summary>
internal sealed class SimulatorStartup(
    IOptions<SimulatorOptions> options,
    Tenants tenants,
    SimulatorClock clock,
    AllTenantTraffic allTraffic,
    FilterSwitch filter,
    ILogger<SimulatorStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var tenant = tenants.Get(0);
        Log.Starting(logger, settings.Mode, settings.FilterOn, settings.UpdatedAtFollowsChanges, settings.TimeZone, settings.Seed);
        if (settings.Tenants > 1)
        {
            Log.TenantsServed(logger, settings.Tenants, settings.TenantCustomers);
        }

        switch (settings.Mode)
        {
            case SimulatorMode.Backlog:
                var watch = Stopwatch.StartNew();
                tenant.Generator.Backlog(settings.BacklogChanges, settings.BacklogSpan);
                Log.BacklogGenerated(logger, settings.BacklogChanges, settings.BacklogSpan, watch.ElapsedMilliseconds, tenant.Store.RecordCount);
                break;
            case SimulatorMode.Live:
                tenant.Traffic.Start(settings.LiveMaxChanges, settings.LiveRate);
                break;
            case SimulatorMode.Fixtures:
                Log.FixturesLoaded(logger, FixtureCatalog.LoadInto(tenant.Store, clock));
                break;
            case SimulatorMode.Idle:
                break;
        }

        if (settings.TenantLiveRatePerMinute > 0)
        {
            allTraffic.Start(0, settings.TenantLiveRatePerMinute);
        }

        if (settings.FilterSwitchAfter is { } after)
        {
            filter.ScheduleOnce(after);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        filter.Dispose();
        await allTraffic.StopAsync().ConfigureAwait(false);
        await Task.WhenAll(tenants.All().Select(t => t.StopAsync())).ConfigureAwait(false);
    }
}
