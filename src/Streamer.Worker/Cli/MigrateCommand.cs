using System.CommandLine;
using Microsoft.Extensions.Options;
using Npgsql;
using Streamer.Worker.Hosting;
using Streamer.Worker.State;

namespace Streamer.Worker.Cli;

/// <summary>
/// <c>streamer migrate</c>: brings the configured state (SQLite file or PostgreSQL database) to this
/// Streamer's schema version and prints it. For deployments that set <c>State:MigrateAtStart=false</c>
/// and upgrade the schema as a step of their own; a newer schema is refused, as at start (exit code 3).
/// </summary>
public static class MigrateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("migrate", "Bring the state (State:Provider, State:Path or State:ConnectionString) to this Streamer's schema version and print it.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction((result, cancellationToken) => RunAsync([.. result.UnmatchedTokens], Console.Out, Console.Error, cancellationToken));
        return command;
    }

    /// <summary>Migrates the state the configuration names; 0 when done, 2 for an invalid configuration, 3 when the state is newer or locked, 1 when it cannot be reached.</summary>
    public static async Task<int> RunAsync(string[] hostArgs, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        using var host = StreamerHost.CreateBuilder(hostArgs).Build();
        try
        {
            var options = host.Services.GetRequiredService<IOptions<StateOptions>>().Value;
            var database = host.Services.GetRequiredService<IStateDatabase>();
            var version = await database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            var where = database is State.Postgres.PostgresStateDatabase postgres ? $"State database {postgres.Name}" : $"State file {Path.GetFullPath(options.Path)}";
            await output.WriteLineAsync($"{where}: schema version {version}.").ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            await errors.WriteLineAsync("streamer migrate: the configuration is invalid:").ConfigureAwait(false);
            foreach (var failure in ex.Failures)
            {
                await errors.WriteLineAsync($"  - {failure}").ConfigureAwait(false);
            }

            return 2;
        }
        catch (Exception ex) when (ex is StateLockedException or StateSchemaTooNewException)
        {
            await errors.WriteLineAsync($"streamer migrate: {ex.Message}").ConfigureAwait(false);
            return 3;
        }
        catch (NpgsqlException ex)
        {
            // As `run` and `accounts`: a database that cannot be used is 3. The driver's message never holds the password.
            await errors.WriteLineAsync($"streamer migrate: cannot reach the state: {ex.Message}").ConfigureAwait(false);
            return 3;
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            await errors.WriteLineAsync($"streamer migrate: cannot reach the state: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
