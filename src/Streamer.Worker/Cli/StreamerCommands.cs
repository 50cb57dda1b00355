using System.CommandLine;
using Microsoft.Extensions.Options;
using Streamer.Worker.Health;
using Streamer.Worker.Hosting;
using Streamer.Worker.State;

namespace Streamer.Worker.Cli;

/// <summary>
/// The <c>streamer</c> command line: <c>run</c> (the default) streams; <c>check</c> tests the configuration,
/// the accounts and the broker; <c>backfill</c> re-publishes a closed window; <c>tail</c> prints events live;
/// <c>state</c> shows cursors and lag. Exit codes: <see cref="ExitCodes"/>.
/// </summary>
public static class StreamerCommands
{
    /// <summary>Builds the root command.</summary>
    public static RootCommand Create()
    {
        var root = new RootCommand("Streamer: nxlink WhatsApp chat records as a change-data stream on RabbitMQ.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        var run = new Command("run", "Stream every configured account (the default). Settings come from appsettings.json, environment variables (Section__Key) and --Section:Key=value.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        run.SetAction(RunAsync);
        root.SetAction(RunAsync);
        root.Subcommands.Add(run);
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(BackfillCommand.Create());
        root.Subcommands.Add(TailCommand.Create());
        root.Subcommands.Add(StateCommand.Create());
        root.Subcommands.Add(MigrateCommand.Create());
        root.Subcommands.Add(AccountsCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses and runs a command line: the process's exit code. A command line System.CommandLine cannot parse
    /// (a missing or malformed option) exits with <see cref="ExitCodes.Usage"/>, as an unknown command does.
    /// </summary>
    public static async Task<int> InvokeAsync(string[] args, InvocationConfiguration configuration)
    {
        var result = Create().Parse(args);
        var exit = await result.InvokeAsync(configuration).ConfigureAwait(false);
        return result.Errors.Count > 0 ? ExitCodes.Usage : exit;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken cancellationToken)
    {
        var errors = result.InvocationConfiguration.Error;
        if (SettingArguments.Reject(result, errors))
        {
            return ExitCodes.Usage;
        }

        try
        {
            using var host = StreamerHost.Build([.. result.UnmatchedTokens]);
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (OptionsValidationException ex)
        {
            // A configuration mistake is not a crash: say what to fix, once, and exit non-zero.
            await errors.WriteLineAsync("Streamer cannot start, the configuration is invalid:").ConfigureAwait(false);
            foreach (var failure in ex.Failures)
            {
                await errors.WriteLineAsync($"  - {failure}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is StateLockedException or StateSchemaTooNewException or StateSchemaTooOldException or StateUnavailableException)
        {
            await errors.WriteLineAsync($"Streamer cannot start: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.StateUnavailable;
        }
        catch (HealthPortUnavailableException ex)
        {
            await errors.WriteLineAsync($"Streamer cannot start: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.HealthPortUnavailable;
        }
    }
}
