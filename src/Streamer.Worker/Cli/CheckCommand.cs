using System.CommandLine;
using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;
using Streamer.Worker.Hosting;
using Streamer.Worker.Polling;
using Streamer.Worker.Publishing;
using Streamer.Worker.State;
using Streamer.Worker.Telemetry;

namespace Streamer.Worker.Cli;

/// <summary>
/// <c>streamer check</c>: validates the configuration (every failure on its own line), makes one signed
/// request per account, probes which timestamp its API filters on, and connects to the broker, printing <c>OK</c> or <c>FAIL</c> and what to fix per
/// check. Exit code 0 only when every check passed. It reads the same settings as <c>run</c>.
/// </summary>
public static class CheckCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("check", "Validate the configuration, make one signed request per account and connect to the broker; one OK/FAIL line per check with what to fix. Exit code 0 only if all pass.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (SettingArguments.Reject(result, result.InvocationConfiguration.Error))
            {
                return ExitCodes.Usage;
            }

            using var cancellation = new ConsoleCancellation(cancellationToken);
            return await RunAsync([.. result.UnmatchedTokens], Console.Out, cancellation.Token).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs every check, writing one line each and a summary.</summary>
    public static async Task<int> RunAsync(string[] hostArgs, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = StreamerHost.CreateBuilder(hostArgs).Build();
        var results = new List<CheckResult>();
        async Task ReportAsync(CheckResult result)
        {
            results.Add(result);
            await output.WriteLineAsync(result.ToString()).ConfigureAwait(false);
        }

        var failures = new List<string>();
        var accounts = Validate<AccountsOptions>(host.Services, failures);
        var polling = Validate<PollingOptions>(host.Services, failures);
        var state = Validate<StateOptions>(host.Services, failures);
        var rabbit = Validate<RabbitOptions>(host.Services, failures);
        Validate<HealthOptions>(host.Services, failures);
        Validate<TelemetryOptions>(host.Services, failures);
        Validate<LogFormatOptions>(host.Services, failures);
        foreach (var failure in failures)
        {
            await ReportAsync(new CheckResult(false, "configuration", failure)).ConfigureAwait(false);
        }

        if (failures.Count == 0)
        {
            await ReportAsync(new CheckResult(true, "configuration", $"{accounts!.Items.Count} account(s), state file {Path.GetFullPath(state!.Path)}, polling every {polling!.Interval}.")).ConfigureAwait(false);
        }

        if (accounts is not null && polling is not null)
        {
            var client = host.Services.GetRequiredService<NxlinkClient>();
            foreach (var account in accounts.Items)
            {
                var result = await AccountCheck.RunAsync(client, ApiPipeline.Account(account), polling.RequestTimeout, cancellationToken).ConfigureAwait(false);
                await ReportAsync(result).ConfigureAwait(false);
                if (result.Passed)
                {
                    await ReportAsync(await FilterCheck.RunAsync(client, ApiPipeline.Account(account), polling, host.Services.GetRequiredService<TimeProvider>(), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                }
            }
        }
        else
        {
            await output.WriteLineAsync("SKIP  accounts: no request made until Accounts and Polling are valid.").ConfigureAwait(false);
        }

        if (rabbit is not null)
        {
            await ReportAsync(await BrokerCheck.RunAsync(rabbit.Uri, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync("SKIP  broker: no connection attempted until Rabbit is valid.").ConfigureAwait(false);
        }

        var failed = results.Count(r => !r.Passed);
        await output.WriteLineAsync(failed == 0 ? $"All {results.Count} checks passed." : $"{failed} of {results.Count} checks failed.").ConfigureAwait(false);
        return failed == 0 ? ExitCodes.Success : ExitCodes.Failed;
    }

    // Each options type on its own, so every section's failures are reported, not only the first one's.
    private static T? Validate<T>(IServiceProvider services, List<string> failures)
        where T : class
    {
        try
        {
            return services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            failures.AddRange(ex.Failures);
        }
        catch (InvalidOperationException ex)
        {
            // A value that does not convert (e.g. Polling__Interval=soon) fails while binding.
            failures.Add(ex.Message);
        }

        return null;
    }
}
