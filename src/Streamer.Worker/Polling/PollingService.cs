using Microsoft.Extensions.Options;
using Streamer.Worker.Configuration;
using Streamer.Worker.Polling.Scheduling;

namespace Streamer.Worker.Polling;

/// <summary>Polls every configured account from one <see cref="PollScheduler"/>.</summary>
internal sealed class PollingService(
    IOptions<AccountsOptions> accounts,
    IOptions<PollingOptions> polling,
    AccountPollerFactory pollers,
    TimeProvider time,
    StreamerMetrics metrics,
    ILogger<PollingService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The state store was opened by StateStoreInitializer, which the host starts before this service.
        var scheduler = new PollScheduler(polling.Value, time, metrics, logger);
        return scheduler.RunAsync([.. accounts.Value.Items.Select(pollers.Create)], stoppingToken);
    }
}
