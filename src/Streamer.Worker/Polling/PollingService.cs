using Microsoft.Extensions.Options;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.Polling;

/// <summary>Runs one <see cref="AccountPoller"/> per configured account, concurrently and independently.</summary>
internal sealed class PollingService(IOptions<AccountsOptions> accounts, AccountPollerFactory pollers) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The state store was opened by StateStoreInitializer, which the host starts before this service.
        var running = accounts.Value.Items.Select(pollers.Create).ToList();
        await Task.WhenAll(running.Select(p => Task.Run(() => p.RunAsync(stoppingToken), stoppingToken))).ConfigureAwait(false);
    }
}
