using System.Diagnostics;
using Microsoft.Extensions.Options;
using Streamer.Simulator.Fixtures;
using Streamer.Simulator.Generation;
using Streamer.Simulator.Store;

namespace Streamer.Simulator;

/// <summary>Fills the store for the configured mode before the server takes requests, and stops live traffic and churn at shutdown.</summary>
internal sealed class SimulatorStartup(
    IOptions<SimulatorOptions> options,
    RecordStore store,
    SimulatorClock clock,
    TrafficGenerator generator,
    LiveTraffic traffic,
    Churn churn,
    FilterSwitch filter,
    ILogger<SimulatorStartup> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        Log.Starting(logger, settings.Mode, settings.FilterOn, settings.UpdatedAtFollowsChanges, settings.TimeZone, settings.Seed);
        switch (settings.Mode)
        {
            case SimulatorMode.Backlog:
                var watch = Stopwatch.StartNew();
                generator.Backlog(settings.BacklogChanges, settings.BacklogSpan);
                Log.BacklogGenerated(logger, settings.BacklogChanges, settings.BacklogSpan, watch.ElapsedMilliseconds, store.RecordCount);
                break;
            case SimulatorMode.Live:
                traffic.Start(settings.LiveMaxChanges, settings.LiveRate);
                break;
            case SimulatorMode.Fixtures:
                Log.FixturesLoaded(logger, FixtureCatalog.LoadInto(store, clock));
                break;
            case SimulatorMode.Idle:
                break;
        }

        if (settings.FilterSwitchAfter is { } after)
        {
            filter.ScheduleOnce(after);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        filter.Dispose();
        return Task.WhenAll(traffic.StopAsync(), churn.StopAsync());
    }
}
