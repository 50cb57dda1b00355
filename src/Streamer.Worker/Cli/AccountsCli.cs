using System.Globalization;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.Cli;

/// <summary>
/// What <c>streamer accounts</c> does, over an <see cref="IAccountStore"/>: add, list, update, enable, disable and
/// remove accounts of the shared database. Secrets come in through <see cref="ReadSecret"/> (stdin or an environment
/// variable, never an argument), are sealed with the <see cref="SecretBox"/> before they are stored, and are never
/// printed. Exit codes: 0 done, 1 no such account or one already there, 2 invalid input.
/// </summary>
internal sealed class AccountsCli(IAccountStore store, SecretBox box, TextWriter output, TextWriter errors)
{
    /// <summary>
    /// The secret from the environment variable named <paramref name="variable"/>, or the first line of
    /// <paramref name="input"/> when <paramref name="stdin"/>; null (with a message) when neither gives one.
    /// </summary>
    public static string? ReadSecret(string? variable, bool stdin, TextReader input, Func<string, string?> environment, TextWriter errors)
    {
        if ((variable is null) == !stdin)
        {
            errors.WriteLine("Give the access secret with exactly one of --secret-env NAME (an environment variable) or --secret-stdin; it is never taken as an argument, where other users and the shell history would see it.");
            return null;
        }

        var secret = variable is not null ? environment(variable) : input.ReadLine();
        if (string.IsNullOrEmpty(secret))
        {
            errors.WriteLine(variable is not null ? $"The environment variable {variable} is not set or empty." : "No secret on stdin.");
            return null;
        }

        return secret;
    }

    /// <summary>Adds <paramref name="account"/> (its <see cref="AccountOptions.AccessSecret"/> in clear, sealed here), enabled.</summary>
    public async Task<int> AddAsync(AccountOptions account, CancellationToken cancellationToken)
    {
        if (!Valid(account))
        {
            return 2;
        }

        if (!await store.AddAsync(Seal(account, enabled: true), cancellationToken).ConfigureAwait(false))
        {
            await errors.WriteLineAsync($"Account {account.Name} exists already; change it with streamer accounts update.").ConfigureAwait(false);
            return 1;
        }

        await output.WriteLineAsync($"Added account {account.Name}; running instances start streaming it within one lease cycle.").ConfigureAwait(false);
        return 0;
    }

    /// <summary>Prints every account, without its secret (the id of the key it is sealed under instead).</summary>
    public async Task<int> ListAsync(CancellationToken cancellationToken)
    {
        var accounts = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(string.Format(CultureInfo.InvariantCulture, Row, "NAME", "ENABLED", "BASE URL", "TENANT", "ACCESS KEY", "TIME ZONE", "INTERVAL", "SECRET KEY ID")).ConfigureAwait(false);
        foreach (var a in accounts.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            await output.WriteLineAsync(string.Format(
                CultureInfo.InvariantCulture, Row, a.Name, a.Enabled ? "yes" : "no", a.BaseUrl, a.TenantId, Masked(a.AccessKey), a.TimeZone, a.PollInterval?.ToString() ?? "default", KeyIdOf(a.SealedSecret))).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Changes the account named <paramref name="name"/> by <paramref name="change"/> (which sees the secret only if one was given).</summary>
    public async Task<int> UpdateAsync(string name, Action<AccountOptions> change, string? secret, CancellationToken cancellationToken)
    {
        if (await FindAsync(name, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return 1;
        }

        var account = stored.ToOptions(secret ?? box.Open(stored.Name, stored.SealedSecret));
        change(account);
        account.Name = stored.Name;
        if (!Valid(account))
        {
            return 2;
        }

        await store.UpdateAsync(Seal(account, stored.Enabled), cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"Updated account {name}; its poller is rebuilt within one lease cycle.").ConfigureAwait(false);
        return 0;
    }

    /// <summary>Enables or disables the account: a disabled one keeps its state and stops within one cycle.</summary>
    public async Task<int> SetEnabledAsync(string name, bool enabled, CancellationToken cancellationToken)
    {
        if (await FindAsync(name, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return 1;
        }

        await store.UpdateAsync(stored with { Enabled = enabled }, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(enabled ? $"Enabled account {name}." : $"Disabled account {name}; it stops within one lease cycle and keeps its state.").ConfigureAwait(false);
        return 0;
    }

    /// <summary>Removes the account from the table; it stops within one cycle.</summary>
    public async Task<int> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        if (!await store.RemoveAsync(name, cancellationToken).ConfigureAwait(false))
        {
            await errors.WriteLineAsync($"There is no account {name}.").ConfigureAwait(false);
            return 1;
        }

        await output.WriteLineAsync($"Removed account {name}; it stops within one lease cycle.").ConfigureAwait(false);
        return 0;
    }

    private const string Row = "{0,-24} {1,-7} {2,-32} {3,-8} {4,-10} {5,-16} {6,-9} {7}";

    private async Task<StoredAccount?> FindAsync(string name, CancellationToken cancellationToken)
    {
        var stored = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));
        if (stored is null)
        {
            await errors.WriteLineAsync($"There is no account {name}.").ConfigureAwait(false);
        }

        return stored;
    }

    // The same rules as the Accounts settings; the messages name the option rather than the settings list.
    private bool Valid(AccountOptions account)
    {
        var result = new AccountsOptionsValidator().Validate(null, new AccountsOptions { Items = { account } });
        foreach (var failure in result.Failures ?? [])
        {
            errors.WriteLine(failure.Replace("Accounts:0:", string.Empty, StringComparison.Ordinal));
        }

        return !result.Failed;
    }

    private StoredAccount Seal(AccountOptions account, bool enabled) => new()
    {
        Name = account.Name,
        BaseUrl = account.BaseUrl,
        TenantId = account.TenantId,
        AppKey = account.AppKey,
        AccessKey = account.AccessKey,
        SealedSecret = box.Seal(account.Name, account.AccessSecret),
        TimeZone = account.TimeZone,
        PollInterval = account.PollInterval,
        AllowInsecureTransport = account.AllowInsecureTransport,
        Enabled = enabled,
    };

    private static string Masked(string key) => key.Length <= 4 ? "****" : $"****{key[^4..]}";

    private static string KeyIdOf(string sealedSecret) => sealedSecret.Split('.') is [_, var id, _] ? id : "?";
}
