using System.CommandLine;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;
using Streamer.Worker.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Streamer.Worker.State;
using Streamer.Worker.State.Postgres;

namespace Streamer.Worker.Cli;

/// <summary>
/// <c>streamer accounts add | list | update | enable | disable | remove | key</c>: the accounts of the shared database
/// (<c>State:Provider=Postgres</c>). With SQLite accounts come from the <c>Accounts</c> settings and these commands
/// exit 2 saying so. Secrets are read from an environment variable (<c>--secret-env NAME</c>) or stdin
/// (<c>--secret-stdin</c>), never from an argument.
/// </summary>
public static class AccountsCommand
{
    private static readonly Argument<string> Name = new("name") { Description = "The account's unique name (letters, digits, '_', '.', '-')." };
    private static readonly Option<string?> BaseUrl = new("--base-url") { Description = "The API host, e.g. https://api-hk.nxlink.ai." };
    private static readonly Option<string?> TenantId = new("--tenant-id") { Description = "The nxlink tenant id." };
    private static readonly Option<string?> AppKey = new("--app-key") { Description = "The application appkey." };
    private static readonly Option<string?> AccessKey = new("--access-key") { Description = "The access key." };
    private static readonly Option<string?> TimeZone = new("--time-zone") { Description = "IANA id of the tenant's time zone, e.g. Asia/Shanghai." };
    private static readonly Option<TimeSpan?> PollInterval = new("--poll-interval") { Description = "The account's poll interval (default: Polling:Interval)." };
    private static readonly Option<bool?> AllowInsecure = new("--allow-insecure-transport") { Description = "Allow plain http to a host other than loopback." };
    private static readonly Option<string?> SecretEnv = new("--secret-env") { Description = "Read the access secret from this environment variable." };
    private static readonly Option<bool> SecretStdin = new("--secret-stdin") { Description = "Read the access secret from the first line of stdin." };

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("accounts", "Manage the accounts of the shared database (State:Provider=Postgres): add, list, update, enable, disable, remove; key prints a new State:SecretKey.");
        command.Subcommands.Add(Sub("add", "Add an account (enabled); the secret from --secret-env or --secret-stdin.", true, (cli, r, secret, ct) =>
        {
            var account = new AccountOptions { Name = r.GetValue(Name)!, AccessSecret = secret ?? string.Empty };
            Apply(r, account);
            return cli.AddAsync(account, ct);
        }));
        command.Subcommands.Add(Sub("update", "Change an account's settings; a new secret from --secret-env or --secret-stdin if given.", true, (cli, r, secret, ct) =>
            cli.UpdateAsync(r.GetValue(Name)!, a => Apply(r, a), secret, ct)));
        command.Subcommands.Add(Sub("enable", "Stream an account again.", false, (cli, r, _, ct) => cli.SetEnabledAsync(r.GetValue(Name)!, enabled: true, ct)));
        command.Subcommands.Add(Sub("disable", "Stop streaming an account, keeping its state.", false, (cli, r, _, ct) => cli.SetEnabledAsync(r.GetValue(Name)!, enabled: false, ct)));
        command.Subcommands.Add(Sub("remove", "Remove an account.", false, (cli, r, _, ct) => cli.RemoveAsync(r.GetValue(Name)!, ct)));
        var list = new Command("list", "List the accounts (never their secrets).") { TreatUnmatchedTokensAsErrors = false };
        list.SetAction((r, ct) => RunAsync([.. r.UnmatchedTokens], null, cli => cli.ListAsync(ct), ct));
        command.Subcommands.Add(list);
        var key = new Command("key", "Print a new random key for State:SecretKey (base64 of 32 bytes).");
        key.SetAction(_ => Console.Out.WriteLine(SecretBox.NewKey()));
        command.Subcommands.Add(key);
        return command;
    }

    /// <summary>
    /// Opens the account store of the configuration and runs <paramref name="action"/>; 2 with a message when the
    /// state is not PostgreSQL, its settings are invalid or the keys are unusable; 3 when the database cannot be used.
    /// </summary>
    internal static async Task<int> RunAsync(string[] hostArgs, IAccountStore? store, Func<AccountsCli, Task<int>> action, CancellationToken cancellationToken)
    {
        var builder = StreamerHost.CreateBuilder(hostArgs);
        var state = builder.Configuration.GetSection(StateOptions.SectionName).Get<StateOptions>() ?? new StateOptions();
        if (state.Provider != StateProvider.Postgres)
        {
            await Console.Error.WriteLineAsync("streamer accounts needs State:Provider=Postgres: accounts managed at runtime live in the shared database. With SQLite, accounts come from the Accounts settings (Accounts__0__Name, ...).").ConfigureAwait(false);
            return 2;
        }

        // The PostgreSQL backend registers its account store with the state; tests may pass one of their own.
        ServiceProvider? services = null;
        try
        {
            if (store is null)
            {
                services = builder.Services.BuildServiceProvider();
                store = services.GetRequiredService<IAccountStore>();

                // Migrated (or checked) as the worker does at start, so the table is there on a fresh database.
                await services.GetRequiredService<IStateDatabase>().InitializeAsync(cancellationToken).ConfigureAwait(false);
            }

            var keys = builder.Configuration.GetSection(SecretKeyOptions.SectionName).Get<SecretKeyOptions>() ?? new SecretKeyOptions();
            return await action(new AccountsCli(store, new SecretBox(keys), Console.Out, Console.Error)).ConfigureAwait(false);
        }
        catch (Exception error) when (error is SecretBoxException or OptionsValidationException)
        {
            await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception error) when (error is NpgsqlException or StateUnavailableException or StateSchemaTooNewException or StateSchemaTooOldException)
        {
            // The connection string holds a password: the database is named by host, port and name only.
            await Console.Error.WriteLineAsync($"streamer accounts: cannot use the database {PostgresStateDatabase.Describe(state.ConnectionString ?? string.Empty)}: {error.Message}").ConfigureAwait(false);
            return ExitCodes.StateUnavailable;
        }
        finally
        {
            if (services is not null)
            {
                await services.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static Command Sub(string name, string description, bool settings, Func<AccountsCli, ParseResult, string?, CancellationToken, Task<int>> action)
    {
        var command = new Command(name, description) { Name };
        command.TreatUnmatchedTokensAsErrors = false;
        if (settings)
        {
            foreach (var option in new Option[] { BaseUrl, TenantId, AppKey, AccessKey, TimeZone, PollInterval, AllowInsecure, SecretEnv, SecretStdin })
            {
                command.Options.Add(option);
            }
        }

        command.SetAction((r, ct) =>
        {
            string? secret = null;
            var given = r.GetValue(SecretEnv) is not null || r.GetValue(SecretStdin);
            if (name == "add" || given)
            {
                secret = AccountsCli.ReadSecret(r.GetValue(SecretEnv), r.GetValue(SecretStdin), Console.In, Environment.GetEnvironmentVariable, Console.Error);
                if (secret is null)
                {
                    return Task.FromResult(2);
                }
            }

            return RunAsync([.. r.UnmatchedTokens], null, cli => action(cli, r, secret, ct), ct);
        });
        return command;
    }

    private static void Apply(ParseResult r, AccountOptions account)
    {
        account.BaseUrl = r.GetValue(BaseUrl) ?? account.BaseUrl;
        account.TenantId = r.GetValue(TenantId) ?? account.TenantId;
        account.AppKey = r.GetValue(AppKey) ?? account.AppKey;
        account.AccessKey = r.GetValue(AccessKey) ?? account.AccessKey;
        account.TimeZone = r.GetValue(TimeZone) ?? account.TimeZone;
        account.PollInterval = r.GetValue(PollInterval) ?? account.PollInterval;
        account.AllowInsecureTransport = r.GetValue(AllowInsecure) ?? account.AllowInsecureTransport;
    }
}
