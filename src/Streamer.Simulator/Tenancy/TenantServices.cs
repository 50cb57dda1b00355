using Microsoft.Extensions.Options;
using Streamer.Simulator.Generation;
using Streamer.Simulator.Media;

namespace Streamer.Simulator.Tenancy;

/// <summary>What every tenant's parts share: the options, the clock, the media signer and the loggers.</summary>
internal sealed record TenantServices(
    IOptions<SimulatorOptions> Options,
    SimulatorClock Clock,
    MediaLinks Links,
    TenantDirectory Directory,
    ILogger<LiveTraffic> TrafficLogger,
    ILogger<Churn> ChurnLogger);
