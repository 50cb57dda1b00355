using System.CommandLine;
using System.Globalization;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Hosting;
using Streamer.Worker.Polling;
using Streamer.Worker.Publishing;
using Streamer.Worker.State;

namespace Streamer.Worker.Cli;

/// <summary>
/// <c>streamer backfill --account NAME --from TIME --to TIME</c>: re-publishes the creations and status steps
/// of the records of a closed window with the ids the stream gave them, so consumers that saw them drop
/// them and consumers that did not get them. The account's cursor and remembered records are not touched;
/// the worker may keep running meanwhile. With <c>--to-queue NAME</c> the events are sent to that one queue
/// instead of published to every subscriber. See README "Backfill" for what it can and cannot reproduce.
/// </summary>
public static class BackfillCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var account = new Option<string>("--account") { Description = "The account to backfill (its Accounts:N:Name).", Required = true };
        var from = new Option<string>("--from") { Description = "First second of the window: ISO 8601 with offset (2026-11-24T08:00:00Z), or the account's local time without (2026-11-24 16:00:00).", Required = true };
        var to = new Option<string>("--to") { Description = "Last second of the window (inclusive), same forms; at most now minus Polling:SafetyLag.", Required = true };
        var toQueue = new Option<string?>("--to-queue") { Description = "Send the window to this one queue only (it must exist), so a new subscriber catches up without a replay to every other one." };
        var command = new Command("backfill", "Re-publish the creations and status steps of a closed window with their original EventIds (consumers dedupe), with a progress bar; the cursor and state are not touched.")
        {
            account,
            from,
            to,
            toQueue,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, cancellationToken) =>
        {
            if (SettingArguments.Reject(result, result.InvocationConfiguration.Error))
            {
                return ExitCodes.Usage;
            }

            using var cancellation = new ConsoleCancellation(cancellationToken);
            return await RunAsync(
                [.. result.UnmatchedTokens],
                result.GetValue(account)!,
                result.GetValue(from)!,
                result.GetValue(to)!,
                result.GetValue(toQueue),
                Console.Out,
                Console.Error,
                interactive: !Console.IsErrorRedirected,
                cancellation.Token).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs a backfill: <see cref="ExitCodes.Success"/> when the whole window was published, <see cref="ExitCodes.Failed"/> when it stopped, <see cref="ExitCodes.Usage"/> for bad arguments or settings.</summary>
    public static async Task<int> RunAsync(
        string[] hostArgs, string accountName, string fromText, string toText, string? toQueue, TextWriter output, TextWriter errors, bool interactive, CancellationToken cancellationToken)
    {
        if (toQueue is not null && string.IsNullOrWhiteSpace(toQueue))
        {
            await errors.WriteLineAsync("backfill: --to-queue needs a queue name.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        using var host = StreamerHost.CreateBuilder(hostArgs).Build();
        var services = host.Services;
        AccountsOptions accounts;
        PollingOptions polling;
        RabbitOptions rabbit;
        StateOptions state;
        try
        {
            accounts = services.GetRequiredService<IOptions<AccountsOptions>>().Value;
            polling = services.GetRequiredService<IOptions<PollingOptions>>().Value;
            rabbit = services.GetRequiredService<IOptions<RabbitOptions>>().Value;
            state = services.GetRequiredService<IOptions<StateOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            await errors.WriteLineAsync("backfill: the configuration is invalid (streamer check says more):").ConfigureAwait(false);
            foreach (var failure in ex.Failures)
            {
                await errors.WriteLineAsync($"  - {failure}").ConfigureAwait(false);
            }

            return ExitCodes.Usage;
        }

        if (accounts.Items.FirstOrDefault(a => a.Name == accountName) is not { } options)
        {
            await errors.WriteLineAsync($"backfill: no account named '{accountName}'; configured: {string.Join(", ", accounts.Items.Select(a => a.Name))}.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var account = ApiPipeline.Account(options);
        var time = services.GetRequiredService<TimeProvider>();
        var window = await WindowAsync(fromText, toText, account, polling, time, errors).ConfigureAwait(false);
        if (window is null)
        {
            return ExitCodes.Usage;
        }

        var (from, to) = window.Value;

        await WarnPastCursorAsync(state, account.Name, to, errors, cancellationToken).ConfigureAwait(false);
        var metrics = services.GetRequiredService<StreamerMetrics>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger($"Streamer.Worker.Backfill.{account.Name}");
        var client = services.GetRequiredService<NxlinkClient>();
        var pipeline = ApiPipeline.Build(account, polling, time, metrics, logger);
        var bus = services.GetRequiredService<IBusControl>();
        var publisher = toQueue is null ? services.GetRequiredService<IEventPublisher>() : new QueueEventSender(bus, BackfillQueue.Address(toQueue), rabbit);
        var runner = new BackfillRunner(new SliceReader(client, pipeline, polling, metrics, logger), publisher, polling);
        var started = false;
        try
        {
            var expected = await CountAsync(client, pipeline, account, from, to, cancellationToken).ConfigureAwait(false);
            var broker = AmqpAddress.Parse(rabbit.Uri);
            var target = toQueue is null ? $"to broker {broker}" : $"to queue {toQueue} only on broker {broker}";
            await errors.WriteLineAsync($"backfill: account {account.Name}, {Iso(from)}..{Iso(to)} ({expected:N0} records), {target}. The cursor and state are not touched.").ConfigureAwait(false);
            await services.GetRequiredService<SubscriberQueues>().DeclareAsync(cancellationToken).ConfigureAwait(false);
            if (toQueue is not null && await BackfillQueue.PrepareAsync(broker, toQueue, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                await errors.WriteLineAsync($"backfill: {problem}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using (var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                startTimeout.CancelAfter(TimeSpan.FromSeconds(60));
                await bus.StartAsync(startTimeout.Token).ConfigureAwait(false);
                started = true;
            }

            var progress = new BackfillProgress(errors, interactive, expected, account.TimeZone);
            var result = await runner.RunAsync(account, from, to, progress.Report, cancellationToken).ConfigureAwait(false);
            progress.Done();
            await output.WriteLineAsync(
                $"backfill: {result.Records:N0} records of {account.Name} {Iso(from)}..{Iso(to)}: {result.Created:N0} ChatMessageCreated and {result.StatusSteps:N0} inferred ChatMessageStatusChanged published, {result.Unreadable:N0} unreadable records skipped.").ConfigureAwait(false);
            return ExitCodes.Success;
        }
        catch (Exception ex) when (ex is NxlinkException or OperationCanceledException or RequestTimeoutException or MassTransitException or IOException or TimeoutException)
        {
            var resume = runner.PublishedUpTo is { } upTo
                ? $" Everything up to {Iso(upTo)} was published; rerun with --from {Iso(upTo.AddSeconds(1))} to finish (anything published twice keeps its EventId)."
                : " Nothing was published.";
            var reason = ex is OperationCanceledException && cancellationToken.IsCancellationRequested ? "cancelled" : ex.Message;
            await errors.WriteLineAsync($"{(interactive ? Environment.NewLine : string.Empty)}backfill stopped: {reason}.{resume}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        finally
        {
            if (started)
            {
                await bus.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task<(DateTimeOffset From, DateTimeOffset To)?> WindowAsync(
        string fromText, string toText, NxlinkAccount account, PollingOptions polling, TimeProvider time, TextWriter errors)
    {
        if (!TimeArgument.TryParse(fromText, account.TimeZone, out var from) || !TimeArgument.TryParse(toText, account.TimeZone, out var to))
        {
            await errors.WriteLineAsync("backfill: --from and --to must be ISO 8601 times, e.g. 2026-11-24T08:00:00Z, or the account's local time, e.g. \"2026-11-24 16:00:00\".").ConfigureAwait(false);
            return null;
        }

        from = WindowPlanner.TruncateToSecond(from);
        to = WindowPlanner.TruncateToSecond(to);
        var closed = WindowPlanner.TruncateToSecond(time.GetUtcNow() - polling.SafetyLag);
        if (from > to)
        {
            await errors.WriteLineAsync($"backfill: --from {Iso(from)} is after --to {Iso(to)}.").ConfigureAwait(false);
            return null;
        }

        if (to > closed)
        {
            await errors.WriteLineAsync($"backfill: the window is not closed yet: --to {Iso(to)} is after {Iso(closed)} (now minus Polling:SafetyLag); its last seconds may still change.").ConfigureAwait(false);
            return null;
        }

        return (from, to);
    }

    // Not an error: the worker will publish those records too, with the same EventIds.
    private static async Task WarnPastCursorAsync(StateOptions state, string account, DateTimeOffset to, TextWriter errors, CancellationToken cancellationToken)
    {
        try
        {
            var states = await SqliteStateReader.ReadAsync(state.Path, cancellationToken).ConfigureAwait(false);
            if (states.FirstOrDefault(s => s.Account == account)?.Cursor is { } cursor && to > cursor.Position)
            {
                await errors.WriteLineAsync($"backfill: note: the window ends after the worker's cursor ({Iso(cursor.Position)}); the worker will publish those records itself too (same EventIds).").ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or SqliteException or StateSchemaTooNewException)
        {
            // No state to compare with: nothing to say.
        }
    }

    private static async Task<long> CountAsync(NxlinkClient client, Polly.ResiliencePipeline pipeline, NxlinkAccount account, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var query = new ChatRecordsQuery { StartTime = from, EndTime = to, PageSize = 1, Ascending = true };
        var page = await pipeline.ExecuteAsync(
            static async (state, ct) => await state.client.GetPageAsync(state.account, state.query, ct).ConfigureAwait(false),
            (client, account, query),
            cancellationToken).ConfigureAwait(false);
        return page.Total ?? 0;
    }

    private static string Iso(DateTimeOffset instant) => instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
