using Polly;
using Polly.Retry;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;

namespace Streamer.Worker.Polling;

/// <summary>
/// An account's cadence and back-off: it is polled every <see cref="Interval"/> (the <see cref="Scheduling.PollScheduler"/>
/// says when), and a failed poll again after a back-off (a Polly retry: exponential from twice the interval, at most
/// 64 intervals or a minute; a configuration error waits <c>Polling:ConfigurationErrorDelay</c>). Failures are
/// counted, logged and reported to <see cref="AccountHealth"/>; they never end the retries, cancellation does,
/// quietly. Nothing of a failed poll was committed, so the retry re-reads the same window.
/// </summary>
internal sealed class PollSchedule
{
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(1);

    private readonly string account;
    private readonly TimeSpan interval;
    private readonly AccountHealth health;
    private readonly StreamerMetrics metrics;
    private readonly ILogger logger;
    private readonly ResiliencePipeline backoff;

    /// <summary>Creates the schedule of <paramref name="account"/> and its back-off.</summary>
    public PollSchedule(string account, TimeSpan interval, PollingOptions options, TimeProvider time, StreamerMetrics metrics, AccountHealth health, ILogger logger)
    {
        this.account = account;
        this.interval = interval;
        this.health = health;
        this.metrics = metrics;
        this.logger = logger;
        backoff = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // A write refused for a lost lease is never retried as is: the account stops (see PollScheduler).
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } error
                    && error is not Cluster.FencedWriteRefusedException
                    && !(error is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,

                // Twice the interval after the first failure, doubling up to 64 times the interval or a minute.
                Delay = Min(interval * 2, LongestBackoff),
                MaxDelay = Min(interval * 64, LongestBackoff),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Exception is NxlinkConfigurationException ? options.ConfigurationErrorDelay : null),
                OnRetry = args =>
                {
                    Report(args.Outcome.Exception!, args.RetryDelay);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>The account.</summary>
    public string Account => account;

    /// <summary>Time between two polls of the account.</summary>
    public TimeSpan Interval => interval;

    /// <summary>
    /// Runs <paramref name="attempt"/> until one succeeds, each failed one after its back-off, and reports the cursor
    /// the successful one returns. Ends with <see cref="OperationCanceledException"/> once cancelled.
    /// </summary>
    public async Task ExecuteAsync<TState>(Func<TState, CancellationToken, Task<DateTimeOffset?>> attempt, TState state, CancellationToken cancellationToken)
    {
        var cursor = await backoff.ExecuteAsync(
            static async (s, ct) => await s.attempt(s.state, ct).ConfigureAwait(false), (attempt, state), cancellationToken).ConfigureAwait(false);
        health.Polled(account, cursor);
    }

    private void Report(Exception error, TimeSpan delay)
    {
        if (error is NxlinkConfigurationException configuration)
        {
            metrics.ApiError(account, ApiRequestMetering.CodeOf(configuration));
            Log.ConfigurationError(logger, account, configuration.Message, delay);
            health.Failed(account, configuration);
            return;
        }

        if (error is NxlinkPageTooLargeException tooLarge)
        {
            // Retried after the back-off like any failed poll; readiness says why the account makes no progress.
            metrics.ApiError(account, ApiRequestMetering.CodeOf(tooLarge));
            health.Failed(account, tooLarge.Message);
        }

        // Anything else (the API still failing after its retries, the broker unreachable, a publish timing out).
        Log.PollFailed(logger, account, error.GetType().Name, delay, error);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
