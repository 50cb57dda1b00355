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
    private static readonly TimeSpan MaxRetryDelayFloor = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The pipeline of a lone account (<c>streamer backfill</c>): its own rate limit, no host limit shared with others.
    /// </summary>
    public static ResiliencePipeline Build(NxlinkAccount account, PollingOptions options, TimeProvider time, StreamerMetrics metrics, ILogger logger)
    {
        var limiter = new TokenBucketRateLimiter(RequestLimits.TokenBucket(options.MaxRequestsPerSecond, queueLimit: 1_000));
        return Build(account, options, args => limiter.AcquireAsync(1, args.Context.CancellationToken), time, metrics, logger);
    }

    /// <summary>The pipeline of a polled account: the rate limits of its account and of its API host in <paramref name="limits"/>.</summary>
    public static ResiliencePipeline Build(NxlinkAccount account, PollingOptions options, RequestLimits limits, TimeProvider time, StreamerMetrics metrics, ILogger logger) =>
        Build(account, options, args => limits.AcquireAsync(account, args.Context.CancellationToken), time, metrics, logger);

    /// <summary>
    /// Outer to inner: a total timeout, retries with jittered back-off (each attempt re-runs the whole call,
    /// so it is signed afresh with a new ts), a circuit breaker so a failing API is not hammered, the
    /// rate limits, the request counter, and the per-attempt timeout.
    /// </summary>
    private static ResiliencePipeline Build(
        NxlinkAccount account, PollingOptions options, Func<RateLimiterArguments, ValueTask<RateLimitLease>> rateLimit, TimeProvider time, StreamerMetrics metrics, ILogger logger)
    {
        var transient = new PredicateBuilder()
            .Handle<NxlinkTransientException>()
            .Handle<TimeoutRejectedException>();
        var builder = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(options.TotalTimeout);

        // Polly takes at least one retry attempt: zero retries is no retry strategy at all.
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<NxlinkTransientException>()
                    .Handle<NxlinkClockSkewException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<BrokenCircuitException>()
                    .Handle<RateLimiterRejectedException>(),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = MaxRetryDelay(options),
                OnRetry = args =>
                {
                    var error = args.Outcome.Exception;
                    metrics.ApiError(account.Name, error is null ? "unknown" : ApiRequestMetering.CodeOf(error));
                    Log.ApiRetry(logger, account.Name, error?.Message ?? "no result", args.AttemptNumber + 1, args.RetryDelay);
                    return default;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = transient,
                FailureRatio = options.BreakFailureRatio,
                MinimumThroughput = 10,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
            })
            .AddRateLimiter(new RateLimiterStrategyOptions { RateLimiter = rateLimit })
            .AddStrategy(_ => new ApiRequestMetering(metrics, account.Name), new ApiRequestMeteringOptions())
            .AddTimeout(options.RequestTimeout)
            .Build();
    }

    /// <summary>
    /// The longest back-off between two attempts: 30 s, or <see cref="PollingOptions.RetryDelay"/> when that is longer,
    /// so the first retry waits as long as configured.
    /// </summary>
    public static TimeSpan MaxRetryDelay(PollingOptions options) =>
        options.RetryDelay > MaxRetryDelayFloor ? options.RetryDelay : MaxRetryDelayFloor;

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
