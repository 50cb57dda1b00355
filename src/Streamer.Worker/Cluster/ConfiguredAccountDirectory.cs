using Microsoft.Extensions.Options;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.Cluster;

/// <summary>The accounts of the configuration (<c>Accounts</c>), validated at start; they change only with a restart.</summary>
internal sealed class ConfiguredAccountDirectory(IOptions<AccountsOptions> accounts) : IAccountDirectory
{
    /// <inheritdoc />
    public Task<IReadOnlyList<AccountOptions>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<AccountOptions>>(accounts.Value.Items);
}
