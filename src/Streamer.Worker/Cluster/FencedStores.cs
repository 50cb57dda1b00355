using Streamer.Worker.State;

namespace Streamer.Worker.Cluster;

/// <summary>The state store for each account's poller: fenced by the account's lease when it has one, the store itself otherwise.</summary>
internal sealed class FencedStores(IStateStore store, FenceAlarm alarm)
{
    /// <summary>The store whose commits carry <paramref name="fence"/>; <see cref="IStateStore"/> itself for null (no leases).</summary>
    public IStateStore For(FencingToken? fence) => fence is null ? store : new FencedStateStore(store, fence, alarm);
}
