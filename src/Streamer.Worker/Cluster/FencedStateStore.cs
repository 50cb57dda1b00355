using Streamer.Worker.Detection;
using Streamer.Worker.State;

namespace Streamer.Worker.Cluster;

/// <summary>
/// The state store as one leased account's poller sees it: every commit carries the account's fence, for the backend
/// to check in the commit's transaction; a refusal is reported to the <see cref="FenceAlarm"/> and rethrown, so the
/// poll ends without retrying it. Reads pass through.
/// </summary>
internal sealed class FencedStateStore(IStateStore inner, FencingToken fence, FenceAlarm alarm) : IStateStore
{
    /// <inheritdoc />
    public Task<AccountCursor?> GetCursorAsync(string account, CancellationToken cancellationToken) => inner.GetCursorAsync(account, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, RecordSnapshot>> GetSnapshotsAsync(string account, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken) =>
        inner.GetSnapshotsAsync(account, recordIds, cancellationToken);

    /// <inheritdoc />
    public async Task CommitAsync(string account, StateCommit commit, CancellationToken cancellationToken)
    {
        if (!string.Equals(account, fence.Account, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The poller of account {fence.Account} tried to write account {account}.");
        }

        try
        {
            await inner.CommitAsync(account, commit with { Fence = fence }, cancellationToken).ConfigureAwait(false);
        }
        catch (FencedWriteRefusedException)
        {
            alarm.Refused(fence);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<int> PruneAsync(string account, DateTimeOffset olderThan, CancellationToken cancellationToken) => inner.PruneAsync(account, olderThan, cancellationToken);

    /// <inheritdoc />
    public Task<long> CountAsync(string account, CancellationToken cancellationToken) => inner.CountAsync(account, cancellationToken);
}
