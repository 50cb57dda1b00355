using Polly;
using Polly.Retry;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;

namespace Streamer.Worker.Polling;

/// <summary>
/// When an account is polled: every interval on a <see cref="PeriodicTimer"/>, and after a failed poll again
/// after a back-off (a Polly retry: exponential from twice the interval, at most 64 intervals or a minute;
/// a configuration error waits <c>Polling:ConfigurationErrorDelay</c>). Failures are counted, logged and reported to
/// <see cref="AccountHealth"/>; they never end the loop, cancellation does, quietly. Nothing of a failed
/// poll was committed, so the retry re-reads the same window.
/// </summary>
internal sealed class PollSchedule
{
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(1);

    private readonly string account;
    private readonly TimeSpan interval;
    private readonly TimeProvider time;
    private readonly AccountHealth health;
    private readonly StreamerMetrics metrics;
    private readonly ILogger logger;
    private readonly ResiliencePipeline backoff;

    /// <summary>Creates the schedule of <paramref name="account"/> and its back-off.</summary>
    public PollSchedule(string account, TimeSpan interval, PollingOptions options, TimeProvider time, StreamerMetrics metrics, AccountHealth health, ILogger logger)
    {
        this.account = account;
        this.interval = interval;
        this.time = time;
        this.health = health;
        this.metrics = metrics;
        this.logger = logger;
        backoff = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is { } error && !(error is OperationCanceledException && args.Context.CancellationToken.IsCancellationRequested)),
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

    /// <summary>
    /// Runs <paramref name="poll"/> now and then every interval until cancelled, retrying a failed one after
    /// its back-off; each successful poll reports the cursor it returns.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task<DateTimeOffset?>> poll, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                var cursor = await backoff.ExecuteAsync(
                    static async (poll, ct) => await poll(ct).ConfigureAwait(false), poll, cancellationToken).ConfigureAwait(false);
                health.Polled(account, cursor);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
        while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false));
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

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
