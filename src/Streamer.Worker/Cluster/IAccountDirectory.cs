using Streamer.Worker.Configuration;

namespace Streamer.Worker.Cluster;

/// <summary>
/// Every account of the deployment that is to be streamed (enabled), with its secret in clear: the configuration's
/// <c>Accounts</c> list, or the accounts table of a shared database managed with <c>streamer accounts</c>. The lease
/// coordinator reads it each cycle, so additions, updates and removals reach running instances within one cycle.
/// </summary>
internal interface IAccountDirectory
{
    /// <summary>The enabled accounts now.</summary>
    Task<IReadOnlyList<AccountOptions>> ListAsync(CancellationToken cancellationToken);
}
