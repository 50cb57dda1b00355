using System.Runtime.CompilerServices;

namespace Streamer.Worker.Cluster;

/// <summary>
/// Without leases (SQLite: the file lock makes this the only instance), the instance polls every account of the
/// directory, unfenced. The configuration does not change while the worker runs, so the set is yielded once.
/// </summary>
internal sealed class ConfiguredAccountSource(IAccountDirectory directory) : IAccountSource
{
    /// <inheritdoc />
    public async IAsyncEnumerable<IReadOnlyList<AccountAssignment>> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var accounts = await directory.ListAsync(cancellationToken).ConfigureAwait(false);
        yield return [.. accounts.Select(a => new AccountAssignment(a, Fence: null))];
    }
}
