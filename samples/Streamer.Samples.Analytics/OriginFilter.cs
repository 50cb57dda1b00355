using MassTransit;
using Microsoft.Extensions.Options;

namespace Streamer.Samples.Analytics;

/// <summary>
/// A MassTransit consume filter on the worker's <c>Streamer-Origin</c> header: a message whose origin is not one of
/// <see cref="AnalyticsOptions.Origins"/> is acknowledged without reaching the consumer, and without its body being
/// deserialized. Messages without the header (rejected records, media outcomes) always pass. Copy it to act only on
/// live events: an auto-reply must not answer a snapshot or a backfill.
/// </summary>
/// <typeparam name="T">The message type.</typeparam>
public sealed class OriginFilter<T>(IOptions<AnalyticsOptions> options) : IFilter<ConsumeContext<T>>
    where T : class
{
    /// <summary>The header the worker sets on every chat message event: <c>Live</c>, <c>Snapshot</c> or <c>Backfill</c>.</summary>
    public const string Header = "Streamer-Origin";

    private readonly HashSet<string> origins = new(options.Value.Origins, StringComparer.OrdinalIgnoreCase);

    /// <inheritdoc />
    public Task Send(ConsumeContext<T> context, IPipe<ConsumeContext<T>> next)
    {
        if (origins.Count == 0 || context.Headers.Get<string>(Header) is not { } origin || origins.Contains(origin))
        {
            return next.Send(context);
        }

        // Marked consumed: a message no consumer took would otherwise move to the queue's _skipped queue.
        return context.NotifyConsumed(context, TimeSpan.Zero, nameof(OriginFilter<T>));
    }

    /// <inheritdoc />
    public void Probe(ProbeContext context) => context.CreateFilterScope("origin");
}
