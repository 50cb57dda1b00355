using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.Polling;

/// <summary>Builds an account's <see cref="AccountApi"/> on one resilience pipeline.</summary>
internal sealed class AccountApiFactory(NxlinkClient client, IOptions<PollingOptions> polling, RequestLimits limits, FilterBoard board, TimeProvider time, StreamerMetrics metrics)
{
    /// <summary>The API readers of <paramref name="account"/>.</summary>
    public AccountApi Create(NxlinkAccount account, ILogger logger)
    {
        var pipeline = ApiPipeline.Build(account, polling.Value, limits, time, metrics, logger);
        var filter = new FilterSense(account, polling.Value, new FilterProbe(client, pipeline), board, logger);
        return new AccountApi(new SliceReader(client, pipeline, polling.Value, metrics, logger), filter);
    }
}
