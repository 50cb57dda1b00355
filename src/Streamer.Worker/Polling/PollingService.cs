using Streamer.Worker.Cluster;
using Streamer.Worker.Hosting;
using Streamer.Worker.Polling.Scheduling;

namespace Streamer.Worker.Polling;

/// <summary>
/// Polls the accounts assigned to this instance (<see cref="IAccountSource"/>: the configuration, or the leases the
/// coordinator holds) from one <see cref="PollScheduler"/>, and follows the assignment as it changes.
/// </summary>
internal sealed class PollingService(
    IAccountSource source,
    PollSchedulerFactory schedulers,
    AccountPollerFactory pollers,
    AccountReadings readings,
    InstanceAccounts instance,
    TelemetryReady telemetry,
    ILogger<PollingService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await telemetry.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        // The state store was opened by StateStoreInitializer, which the host starts before this service.
        var scheduler = schedulers.Create();
        var roster = new PollerRoster(scheduler, pollers.Create, readings.Forget, logger);
        var changes = source.WatchAsync(stoppingToken).GetAsyncEnumerator(stoppingToken);
        await using (changes.ConfigureAwait(false))
        {
            IReadOnlyList<AccountAssignment> first;
            try
            {
                first = await changes.MoveNextAsync().ConfigureAwait(false) ? changes.Current : [];
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            var run = scheduler.RunAsync(roster.Start(first), stoppingToken);
            instance.Set(first);
            try
            {
                while (await changes.MoveNextAsync().ConfigureAwait(false))
                {
                    await roster.ApplyAsync(changes.Current).ConfigureAwait(false);
                    instance.Set(changes.Current);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Stopping: the scheduler ends its polls.
            }

            await run.ConfigureAwait(false);
        }
    }
}
