using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Detection;
using Streamer.Worker.Polling;
using Streamer.Worker.Publishing;

namespace Streamer.Worker.Cli;

/// <summary>
/// Re-reads a closed window slice by slice through the poller's <see cref="SliceReader"/> (same page budget,
/// same drift detection) and publishes what <see cref="BackfillDetector"/> makes of each record, slice after
/// slice, each once the broker confirmed the previous one. It never opens the state store for writing: the
/// account's cursor and remembered records are untouched.
/// </summary>
internal sealed class BackfillRunner(SliceReader reader, IEventPublisher publisher, PollingOptions options)
{
    /// <summary>The last instant whose records were all published (for a rerun after a failure).</summary>
    public DateTimeOffset? PublishedUpTo { get; private set; }

    public async Task<BackfillResult> RunAsync(
        NxlinkAccount account, DateTimeOffset from, DateTimeOffset to, Action<long, long, DateTimeOffset> progress, CancellationToken cancellationToken)
    {
        var context = new DetectionContext(account.TenantId, account.TimeZone, ChangeOrigin.Backfill);
        long records = 0, created = 0, steps = 0, unreadable = 0;
        var span = to - from;
        var start = from;
        while (start <= to)
        {
            var end = start + span < to ? start + span : to;
            var slice = await reader.ReadAsync(account, start, end, canSplit: end > start, cancellationToken).ConfigureAwait(false);
            if (slice.TooBig)
            {
                // As the poller does: aim at 80% of the page budget, at least one second.
                var budget = (double)options.MaxPagesPerSlice * options.PageSize;
                var seconds = Math.Max(0, Math.Floor((end - start).TotalSeconds * 0.8 * budget / Math.Max(1, slice.Total)));
                span = TimeSpan.FromSeconds(Math.Min(seconds, Math.Max(0, (end - start).TotalSeconds - 1)));
                continue;
            }

            var eventsByRecord = new List<IReadOnlyList<ChatMessageEvent>>(slice.Records.Count);
            foreach (var record in slice.Records)
            {
                var result = BackfillDetector.Detect(record, context);
                if (result.IsRejected)
                {
                    unreadable++;
                    continue;
                }

                eventsByRecord.Add(result.Events);
                created++;
                steps += result.Events.Count - 1;
            }

            await publisher.PublishAsync(eventsByRecord, cancellationToken).ConfigureAwait(false);
            records += slice.Records.Count;
            PublishedUpTo = end;
            progress(records, created + steps, end);
            start = end.AddSeconds(1);
            if (slice.Total < options.PageSize * options.MaxPagesPerSlice / 4)
            {
                span = TimeSpan.FromTicks(Math.Max(span.Ticks * 2, TimeSpan.TicksPerSecond));
            }
        }

        return new BackfillResult(records, created, steps, unreadable, PublishedUpTo);
    }
}
