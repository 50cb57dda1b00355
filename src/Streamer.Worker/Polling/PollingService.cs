using Microsoft.Extensions.Options;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;
using Streamer.Worker.Polling.Scheduling;

namespace Streamer.Worker.Polling;

/// <summary>
/// Polls the accounts assigned to this instance (<see cref="IAccountSource"/>: the configuration, or the leases the
/// coordinator holds) from one <see cref="PollScheduler"/>, and follows the assignment as it changes.
/// </summary>
internal sealed class PollingService(
    IAccountSource source,
    IOptions<PollingOptions> polling,
    AccountPollerFactory pollers,
    AccountHealth health,
    FilterBoard filters,
    InstanceAccounts instance,
    TimeProvider time,
    StreamerMetrics metrics,
    ILogger<PollingService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The state store was opened by StateStoreInitializer, which the host starts before this service.
        var scheduler = new PollScheduler(polling.Value, time, metrics, logger);
        var roster = new PollerRoster(scheduler, pollers.Create, Forget, logger);
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

    private void Forget(string account)
    {
        health.Forget(account);
        filters.Forget(account);
    }
}
