using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Detection;
using Streamer.Worker.Polling;
using Streamer.Worker.Publishing;

namespace Streamer.Worker.Cli;

/// <summary>
/// Re-reads a closed window slice by slice through the poller's <see cref="SliceReader"/> and
/// <see cref="SliceSizer"/> (same page budget, same drift detection) and publishes what
/// <see cref="BackfillDetector"/> makes of each record, slice after slice, each once the broker confirmed
/// the previous one. It never opens the state store for writing: the
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

        // Sized as the poller sizes its slices: cut when over the page budget, grown back when sparse.
        var sizer = new SliceSizer(options, to - from);
        for (var start = from; start <= to;)
        {
            var slice = await reader.ReadNextAsync(account, start, to, sizer, live: false, cancellationToken).ConfigureAwait(false);
            // A record read more than once (its pages drifted) is published as it stands last.
            var observations = SliceObservations.Of(slice.Records);
            var latest = observations.ByRecord.Select(pair => pair.Value[^1]).Concat(observations.WithoutId).ToList();
            var eventsByRecord = new List<IReadOnlyList<ChatMessageEvent>>(latest.Count);
            foreach (var record in latest)
            {
                if (Detect(record, context) is not { IsRejected: false } result)
                {
                    unreadable++;
                    continue;
                }

                eventsByRecord.Add(result.Events);
                created++;
                steps += result.Events.Count - 1;
            }

            await publisher.PublishAsync(eventsByRecord, cancellationToken).ConfigureAwait(false);
            records += latest.Count;
            PublishedUpTo = slice.End;
            progress(records, created + steps, slice.End);
            start = slice.End.AddSeconds(1);
        }

        return new BackfillResult(records, created, steps, unreadable, PublishedUpTo);
    }

    // A record that makes detection fail is unreadable like one the detector rejects, not the end of the backfill.
    private static DetectionResult? Detect(ChatRecord record, DetectionContext context)
    {
        try
        {
            return BackfillDetector.Detect(record, context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null;
        }
    }
}
