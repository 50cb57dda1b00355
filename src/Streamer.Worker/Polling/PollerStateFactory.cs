using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>
/// Builds the parts of an account's poller that keep its state: the slice pipeline (detect, commit into
/// the outbox) with its record observer and rejection reporter, the cursor book and the pruner.
/// </summary>
internal sealed class PollerStateFactory(
    IOptions<PollingOptions> polling,
    IOptions<StateOptions> state,
    IOptions<MediaArchiveOptions> media,
    FencedStores stores,
    OutboxInlet outbox,
    RecordObserverFactory records,
    StreamerMetrics metrics)
{
    /// <summary>The state store as the poller of an account sees it: its commits carry <paramref name="fence"/> (none without leases).</summary>
    public IStateStore Store(FencingToken? fence) => stores.For(fence);

    /// <summary>The slice pipeline of <paramref name="account"/>.</summary>
    public SlicePipeline Pipeline(NxlinkAccount account, IStateStore store, ILogger logger) =>
        new(account, store, outbox, records.Rejections(account, logger), records.Observer(account, logger), media.Value.Enabled);

    /// <summary>The cursor book of <paramref name="account"/>.</summary>
    public CursorBook Cursors(NxlinkAccount account, IStateStore store, FilterSense filter, ILogger logger) => new(account, polling.Value, filter, store, metrics, logger);

    /// <summary>The pruner of <paramref name="account"/>.</summary>
    public PollPruner Pruner(NxlinkAccount account, IStateStore store, ILogger logger) => new(account.Name, polling.Value, state.Value.PruneInterval, store, logger);
}
