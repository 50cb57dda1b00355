using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Publishing;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>Runs one <see cref="AccountPoller"/> per configured account, concurrently and independently.</summary>
internal sealed class PollingService(
    IOptions<AccountsOptions> accounts,
    IOptions<PollingOptions> polling,
    IOptions<StateOptions> state,
    NxlinkClient client,
    IStateStore store,
    IEventPublisher publisher,
    TimeProvider time,
    StreamerMetrics metrics,
    ILoggerFactory loggers) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await store.InitializeAsync(stoppingToken).ConfigureAwait(false);
        var pollers = accounts.Value.Items.Select(Create).ToList();
        await Task.WhenAll(pollers.Select(p => Task.Run(() => p.RunAsync(stoppingToken), stoppingToken))).ConfigureAwait(false);
    }

    private AccountPoller Create(AccountOptions options)
    {
        var logger = loggers.CreateLogger($"Streamer.Worker.Account.{options.Name}");
        var account = new NxlinkAccount(
            options.Name,
            new Uri(options.BaseUrl),
            options.TenantId,
            options.AppKey,
            options.AccessKey,
            options.AccessSecret,
            TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));
        var reader = new SliceReader(client, BuildPipeline(account, logger), polling.Value, metrics, logger);
        return new AccountPoller(account, options.PollInterval ?? polling.Value.Interval, polling.Value, state.Value.PruneInterval, reader, store, publisher, time, metrics, logger);
    }

    // Retries re-run the whole call, so each attempt is signed afresh with a new ts.
    private ResiliencePipeline BuildPipeline(NxlinkAccount account, ILogger logger)
    {
        var options = polling.Value;
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<NxlinkTransientException>()
                    .Handle<NxlinkClockSkewException>()
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    var error = args.Outcome.Exception;
                    metrics.ApiError(account.Name, error is NxlinkException { Code: { } code } ? code.ToString(System.Globalization.CultureInfo.InvariantCulture) : error?.GetType().Name ?? "unknown");
                    Log.ApiRetry(logger, account.Name, error?.Message ?? "no result", args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            })
            .AddTimeout(options.RequestTimeout)
            .Build();
    }
}
