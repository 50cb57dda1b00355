using Microsoft.Extensions.Options;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.Cluster;

/// <summary>
/// The accounts of a cluster: those of the <c>Accounts</c> settings and the enabled ones of the accounts table
/// (<see cref="IAccountStore"/>), their secrets opened with the <see cref="SecretBox"/>. A table account whose
/// secret does not open, or that is invalid, or whose name is also configured, is left out and logged (the
/// configured one wins): one bad row never stops the others.
/// </summary>
internal sealed class StoredAccountDirectory(IAccountStore store, SecretBox box, IOptions<AccountsOptions> configured, ILogger<StoredAccountDirectory> logger) : IAccountDirectory
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<AccountOptions>> ListAsync(CancellationToken cancellationToken)
    {
        var accounts = new List<AccountOptions>(configured.Value.Items);
        var names = accounts.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var stored in await store.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!stored.Enabled)
            {
                continue;
            }

            if (!names.Add(stored.Name))
            {
                Log.StoredAccountSkipped(logger, stored.Name, "an account of that name is configured in the Accounts settings, which wins");
                continue;
            }

            string secret;
            try
            {
                secret = box.Open(stored.Name, stored.SealedSecret);
            }
            catch (SecretBoxException error)
            {
                Log.StoredAccountSkipped(logger, stored.Name, error.Message);
                continue;
            }

            var account = stored.ToOptions(secret);
            var validation = new AccountsOptionsValidator().Validate(null, new AccountsOptions { Items = { account } });
            if (validation.Failed)
            {
                Log.StoredAccountSkipped(logger, stored.Name, string.Join("; ", (validation.Failures ?? []).Select(f => f.Replace("Accounts:0:", string.Empty, StringComparison.Ordinal))));
                continue;
            }

            accounts.Add(account);
        }

        return accounts;
    }
}
