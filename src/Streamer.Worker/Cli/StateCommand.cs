using System.CommandLine;
using Microsoft.Data.Sqlite;
using Npgsql;
using Streamer.Worker.Cluster;
using Streamer.Worker.Cluster.Postgres;
using Streamer.Worker.Configuration;
using Streamer.Worker.Hosting;
using Streamer.Worker.State;
using Streamer.Worker.State.Postgres;

namespace Streamer.Worker.Cli;

/// <summary>
/// <c>streamer state</c>: per account the cursor, the lag (now minus the cursor), whether the snapshot is
/// done, the re-scan tiers' last runs, the tracked record count and the last pass per horizon, read from the state file. It opens the
/// file read-only and takes no lock, so it works next to a running worker.
/// </summary>
public static class StateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print JSON (lag in seconds, instants in UTC) instead of a table." };
        var path = new Option<string?>("--path") { Description = "The state file (default: State:Path from configuration)." };
        var command = new Command("state", "Show each account's cursor, lag, snapshot, re-scan runs, tracked records and last passes from the state file; safe while the worker runs.")
        {
            json,
            path,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellationToken) => SettingArguments.Reject(result, result.InvocationConfiguration.Error)
            ? Task.FromResult(ExitCodes.Usage)
            : RunAsync([.. result.UnmatchedTokens], result.GetValue(path), result.GetValue(json), TimeProvider.System, Console.Out, Console.Error, cancellationToken));
        return command;
    }

    /// <summary>Reads the state file named by the configuration (or <paramref name="path"/>) and writes the report.</summary>
    public static async Task<int> RunAsync(
        string[] hostArgs, string? path, bool json, TimeProvider time, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var configuration = StreamerHost.CreateBuilder(hostArgs).Configuration;
        var statePath = Path.GetFullPath(path ?? configuration[$"{StateOptions.SectionName}:{nameof(StateOptions.Path)}"] ?? new StateOptions().Path);
        var configured = configuration.GetSection(AccountsOptions.SectionName).GetChildren()
            .Select(account => account[nameof(AccountOptions.Name)])
            .OfType<string>()
            .Where(name => name.Length > 0)
            .ToList();

        IReadOnlyList<AccountState> states;
        var state = new StateOptions();
        configuration.GetSection(StateOptions.SectionName).Bind(state);
        try
        {
            if (state.Provider == StateProvider.Postgres && path is null)
            {
                // The report names the database by host, port and name; the connection string holds a password.
                statePath = $"database {PostgresStateDatabase.Describe(state.ConnectionString ?? string.Empty)}";
                states = await PostgresStateReader.ReadAsync(state.ConnectionString ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                states = await SqliteStateReader.ReadAsync(statePath, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or StateSchemaTooNewException)
        {
            await errors.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (SqliteException ex)
        {
            await errors.WriteLineAsync($"Cannot read the state file {statePath}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException)
        {
            await errors.WriteLineAsync($"Cannot read the state {statePath}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        if (json)
        {
            StateReport.WriteJson(output, statePath, states, configured, time.GetUtcNow());
        }
        else
        {
            StateReport.WriteText(output, statePath, states, configured, time.GetUtcNow());
            if (state.Provider == StateProvider.Postgres && path is null
                && await PostgresLeaseReader.ReadReportAsync(state, cancellationToken).ConfigureAwait(false) is { } leases)
            {
                await output.WriteLineAsync().ConfigureAwait(false);
                LeaseReport.WriteText(output, leases.Table, [.. configured.Union(leases.Enabled, StringComparer.Ordinal)]);
            }
        }

        return ExitCodes.Success;
    }
}
