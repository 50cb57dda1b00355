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
    /// <summary>The code an attempt is counted under.</summary>
    public static string CodeOf(Exception? error) => error switch
    {
        null => "0",
        NxlinkException { Code: { } code } => code.ToString(CultureInfo.InvariantCulture),
        NxlinkException { HttpStatus: { } status } => string.Create(CultureInfo.InvariantCulture, $"http{status}"),
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
