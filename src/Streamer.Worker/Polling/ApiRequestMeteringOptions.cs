using Polly;

namespace Streamer.Worker.Polling;

/// <summary>Options of <see cref="ApiRequestMetering"/> (it has none; Polly wants an options object per strategy).</summary>
internal sealed class ApiRequestMeteringOptions : ResilienceStrategyOptions
{
    public ApiRequestMeteringOptions() => Name = "ApiRequestMetering";
}
