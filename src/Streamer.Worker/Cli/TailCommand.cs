using System.CommandLine;
using MassTransit;
using Streamer.Worker.Publishing;

namespace Streamer.Worker.Cli;

/// <summary>
/// <c>streamer tail</c>: subscribes to every event type through a temporary queue and prints one line per
/// event until Ctrl+C or <c>--duration</c>. Summaries carry ids, types and statuses, not message contents.
/// </summary>
public static class TailCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var rabbit = new Option<string?>("--rabbit") { Description = "AMQP URI of the broker (default: Rabbit:Uri from configuration)." };
        var duration = new Option<int?>("--duration") { Description = "Stop after this many seconds." };
        var type = new Option<string[]>("--type") { Description = "Only these event types (Created, StatusChanged, ReactionChanged, Updated, Rejected, MediaArchived, MediaArchiveFailed).", AllowMultipleArgumentsPerToken = true };
        var conversation = new Option<string?>("--conversation") { Description = "Only events of this conversation id." };
        var command = new Command("tail", "Print the events on the broker live, one line each.") { rabbit, duration, type, conversation };
        command.SetAction(async (result, cancellationToken) =>
        {
            var uri = result.GetValue(rabbit) ?? Configuration()["Rabbit:Uri"] ?? new RabbitOptions().Uri;
            var filter = new TailFilter(result.GetValue(type) ?? [], result.GetValue(conversation));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Console.CancelKeyPress += (_, e) =>
            {
                e.Cancel = true;
                stop.Cancel();
            };
            using var sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, signal =>
            {
                signal.Cancel = true;
                stop.Cancel();
            });
            if (result.GetValue(duration) is { } seconds)
            {
                stop.CancelAfter(TimeSpan.FromSeconds(seconds));
            }

            return await TailAsync(uri, filter, stop.Token).ConfigureAwait(false);
        });
        return command;
    }

    private static async Task<int> TailAsync(string uri, TailFilter filter, CancellationToken cancellationToken)
    {
        var address = AmqpAddress.Parse(uri);
        var printer = new TailPrinter(Console.Out, filter);
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            address.ConfigureHost(cfg);
            cfg.ReceiveEndpoint(new TemporaryEndpointDefinition("streamer-tail"), e =>
            {
                e.ConcurrentMessageLimit = 1;
                e.Consumer(() => new TailConsumer(printer));
            });
        });

        await bus.StartAsync(cancellationToken).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"tail: listening on {address}; Ctrl+C to stop.").ConfigureAwait(false);
        // Runs until stopped: a task completed by the cancellation itself, so stopping is not an exception.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => stopped.TrySetResult()))
        {
            await stopped.Task.ConfigureAwait(false);
        }

        await bus.StopAsync(CancellationToken.None).ConfigureAwait(false);
        await Console.Error.WriteLineAsync($"tail: {printer.Printed} events printed.").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static IConfigurationRoot Configuration() => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .Build();
}
