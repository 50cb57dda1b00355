namespace Streamer.Worker.Cluster;

/// <summary>
/// The backend refused a state write because the writer no longer holds the account's lease with that token (a paused
/// instance woke after another took the account over). Nothing of the write was committed. It is never retried as is:
/// the account stops on this instance, the refusal is counted (<c>streamer.cluster.fenced_writes</c>) and logged, and
/// the lease coordinator decides afresh whether to take the account again, with a new token.
/// </summary>
public sealed class FencedWriteRefusedException(FencingToken fence)
    : Exception($"The state write of account {fence.Account} was refused: instance {fence.Instance} no longer holds its lease with fencing token {fence.Token}.")
{
    /// <summary>The fence the refused write carried.</summary>
    public FencingToken Fence { get; } = fence;
}
