using System.CommandLine;
using Microsoft.Extensions.Options;
using Streamer.Worker.Health;
using Streamer.Worker.Hosting;
using Streamer.Worker.State;

namespace Streamer.Worker.Cli;

/// <summary>
/// The <c>streamer</c> command line: <c>run</c> (the default) streams; <c>check</c> tests the configuration,
/// the accounts and the broker; <c>backfill</c> re-publishes a closed window; <c>tail</c> prints events live;
/// <c>state</c> shows cursors and lag.
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
        run.SetAction((result, cancellationToken) => RunAsync([.. result.UnmatchedTokens], cancellationToken));
        root.SetAction((result, cancellationToken) => RunAsync([.. result.UnmatchedTokens], cancellationToken));
        root.Subcommands.Add(run);
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(BackfillCommand.Create());
        root.Subcommands.Add(TailCommand.Create());
        root.Subcommands.Add(StateCommand.Create());
        root.Subcommands.Add(AccountsCommand.Create());
        return root;
    }

    private static async Task<int> RunAsync(string[] hostArgs, CancellationToken cancellationToken)
    {
        try
        {
            using var host = StreamerHost.Build(hostArgs);
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (OptionsValidationException ex)
        {
            // A configuration mistake is not a crash: say what to fix, once, and exit non-zero.
            await Console.Error.WriteLineAsync("Streamer cannot start, the configuration is invalid:").ConfigureAwait(false);
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync($"  - {failure}").ConfigureAwait(false);
            }

            return 2;
        }
        catch (Exception ex) when (ex is StateLockedException or StateSchemaTooNewException)
        {
            await Console.Error.WriteLineAsync($"Streamer cannot start: {ex.Message}").ConfigureAwait(false);
            return 3;
        }
        catch (HealthPortUnavailableException ex)
        {
            await Console.Error.WriteLineAsync($"Streamer cannot start: {ex.Message}").ConfigureAwait(false);
            return 4;
        }
    }
}
