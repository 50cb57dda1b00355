using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Worker.Publishing;

namespace Streamer.Worker.Polling;

/// <summary>Builds the parts of an account's slice pipeline that judge single records: the observer and the rejection reporter.</summary>
internal sealed class RecordObserverFactory(IOptions<RabbitOptions> rabbit, TimeProvider time, StreamerMetrics metrics)
{
    /// <summary>The record observer of <paramref name="account"/>.</summary>
    public RecordObserver Observer(NxlinkAccount account, ILogger logger) => new(account.Name, rabbit.Value.MaxMessageBytes, metrics, logger);

    /// <summary>The rejection reporter of <paramref name="account"/>.</summary>
    public RejectionReporter Rejections(NxlinkAccount account, ILogger logger) => new(account, time, metrics, logger);
}
