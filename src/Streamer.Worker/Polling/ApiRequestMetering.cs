using System.Globalization;
using Polly;
using Polly.Timeout;
using Streamer.Nxlink;

namespace Streamer.Worker.Polling;

/// <summary>
/// Counts every API attempt by its result code (<c>streamer.api.requests</c>): it sits just outside the
/// per-attempt timeout, so a retried call counts once per attempt and a timed-out attempt as <c>timeout</c>.
/// </summary>
internal sealed class ApiRequestMetering(StreamerMetrics metrics, string account) : ResilienceStrategy
{
    /// <summary>
    /// The code an attempt (or a failed call) is counted under. The API chooses its codes and statuses, so only
    /// a known set reaches a metric label: the documented result codes (any other is <c>other</c>), HTTP statuses
    /// by class (<c>http4xx</c>, <c>http5xx</c>), <c>page_too_large</c>, <c>timeout</c>, <c>network</c>, or
    /// the name of one of our exception types.
    /// </summary>
    public static string CodeOf(Exception? error) => error switch
    {
        null => "0",
        NxlinkPageTooLargeException => "page_too_large",
        NxlinkException { Code: { } code } => NxlinkResultCodes.IsKnown(code) ? code.ToString(CultureInfo.InvariantCulture) : "other",
        NxlinkException { HttpStatus: { } status } => status is >= 100 and <= 599 ? string.Create(CultureInfo.InvariantCulture, $"http{status / 100}xx") : "other",
        TimeoutRejectedException => "timeout",
        NxlinkTransientException => "network",
        _ => error.GetType().Name,
    };

    /// <inheritdoc />
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        var outcome = await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
        if (outcome.Exception is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            metrics.ApiRequest(account, CodeOf(outcome.Exception));
        }

        return outcome;
    }
}
