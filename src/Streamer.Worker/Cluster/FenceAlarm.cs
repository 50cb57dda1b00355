using System.Threading.Channels;

namespace Streamer.Worker.Cluster;

/// <summary>
/// Where refused fenced writes are reported: each is counted (<c>streamer.cluster.fenced_writes</c>) and logged, and
/// queued for the lease coordinator, which drops the account's lease on this instance at its next cycle. The
/// account itself stops at once: the scheduler does not poll it again after the refusal.
/// </summary>
internal sealed class FenceAlarm(StreamerMetrics metrics, ILogger<FenceAlarm> logger)
{
    private readonly Channel<FencingToken> refusals = Channel.CreateUnbounded<FencingToken>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The refusals not yet handled by the coordinator.</summary>
    public ChannelReader<FencingToken> Refusals => refusals.Reader;

    /// <summary>A write under <paramref name="fence"/> was refused.</summary>
    public void Refused(FencingToken fence)
    {
        metrics.FencedWrite(fence.Account);
        Log.FencedWriteRefused(logger, fence.Account, fence.Token);
        refusals.Writer.TryWrite(fence);
    }
}
