using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;
using Streamer.Worker.Media;
using Streamer.Worker.Publishing;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>Runs one <see cref="AccountPoller"/> per configured account, concurrently and independently.</summary>
internal sealed class PollingService(
    IOptions<AccountsOptions> accounts,
    IOptions<PollingOptions> polling,
    IOptions<StateOptions> state,
    IOptions<MediaArchiveOptions> media,
    NxlinkClient client,
    IStateStore store,
    IEventPublisher publisher,
    TimeProvider time,
    StreamerMetrics metrics,
    ILoggerFactory loggers,
    AccountHealth health) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The state store was opened by StateStoreInitializer, which the host starts before this service.
        var pollers = accounts.Value.Items.Select(Create).ToList();
        await Task.WhenAll(pollers.Select(p => Task.Run(() => p.RunAsync(stoppingToken), stoppingToken))).ConfigureAwait(false);
    }

    private AccountPoller Create(AccountOptions options)
    {
        var logger = loggers.CreateLogger($"Streamer.Worker.Account.{options.Name}");
        var account = ApiPipeline.Account(options);
        var reader = new SliceReader(client, ApiPipeline.Build(account, polling.Value, time, metrics, logger), polling.Value, metrics, logger);
        return new AccountPoller(account, options.PollInterval ?? polling.Value.Interval, polling.Value, state.Value.PruneInterval, reader, store, publisher, time, metrics, logger, health, media.Value.Enabled);
    }
}
