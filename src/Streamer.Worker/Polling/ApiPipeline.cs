using System.Threading.RateLimiting;
using Polly;
using Polly.CircuitBreaker;
using Polly.RateLimiting;
using Polly.Retry;
using Polly.Timeout;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.Polling;

/// <summary>The resilience around every nxlink call of an account, shared by the poller and <c>streamer backfill</c>.</summary>
internal static class ApiPipeline
{
    /// <summary>
    /// Outer to inner: a total timeout, retries with jittered back-off (each attempt re-runs the whole call,
    /// so it is signed afresh with a new ts), a circuit breaker so a failing API is not hammered, the
    /// per-account rate limit, the request counter, and the per-attempt timeout.
    /// </summary>
    public static ResiliencePipeline Build(NxlinkAccount account, PollingOptions options, TimeProvider time, StreamerMetrics metrics, ILogger logger)
    {
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
                    metrics.ApiError(account.Name, error is null ? "unknown" : ApiRequestMetering.CodeOf(error));
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
            .AddStrategy(_ => new ApiRequestMetering(metrics, account.Name), new ApiRequestMeteringOptions())
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

    /// <summary>The API account of a configured (and validated) account.</summary>
    public static NxlinkAccount Account(AccountOptions options) => new(
        options.Name,
        new Uri(options.BaseUrl),
        options.TenantId,
        options.AppKey,
        options.AccessKey,
        options.AccessSecret,
        TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone));
}
