using Microsoft.Extensions.Options;
using Polly;
using System.Threading.RateLimiting;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
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

    // Outer to inner: a total timeout, retries with jittered back-off (each attempt re-runs the whole call,
    // so it is signed afresh with a new ts), a circuit breaker so a failing API is not hammered, the
    // per-account rate limit, and the per-attempt timeout.
    private ResiliencePipeline BuildPipeline(NxlinkAccount account, ILogger logger)
    {
        var options = polling.Value;
        var transient = new PredicateBuilder()
            .Handle<NxlinkTransientException>()
            .Handle<TimeoutRejectedException>();
        return new ResiliencePipelineBuilder { TimeProvider = time }
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<NxlinkTransientException>()
                    .Handle<NxlinkClockSkewException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<BrokenCircuitException>()
                    .Handle<RateLimiterRejectedException>(),
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
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = options.BreakFailureRatio,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
            })
            .AddRateLimiter(new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(1, (int)Math.Ceiling(options.MaxRequestsPerSecond)),
                TokensPerPeriod = Math.Max(1, (int)Math.Ceiling(options.MaxRequestsPerSecond / 10)),
                ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, (int)Math.Ceiling(options.MaxRequestsPerSecond / 10)) / options.MaxRequestsPerSecond),
                QueueLimit = 1_000,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }))
            .AddTimeout(options.RequestTimeout)
            .Build();
    }
}
