using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Detection;

namespace Streamer.Worker.Polling;

/// <summary>
/// Streams a planned window slice by slice through the <see cref="SlicePipeline"/>. Slices overlap two ways:
/// the next slice is read while the current one is published, and the next slice is detected and published
/// while the current one's last confirmations and its commit complete. The pipeline keeps commits in slice
/// order and a record's events in order.
/// </summary>
internal sealed class WindowStreamer(NxlinkAccount account, PollingOptions options, SliceReader reader, SlicePipeline pipeline, CursorBook cursors)
{
    /// <summary>Reads, publishes and commits every slice of <paramref name="plan"/>; returns the records read and events published.</summary>
    public async Task<(int Records, int Events)> StreamAsync(WindowPlan plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var context = new DetectionContext(
            account.TenantId,
            account.TimeZone,
            plan.Snapshot ? ChangeOrigin.Snapshot : ChangeOrigin.Live,
            plan.Snapshot ? null : now - WindowPlanner.LongestHorizon(options));
        var sizer = new SliceSizer(options, plan.To - plan.From);
        var records = 0;
        var events = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = reader.ReadNextAsync(account, plan.From, plan.To, sizer, stop.Token);
        PendingSlice? pending = null;
        try
        {
            while (true)
            {
                var slice = await reading.ConfigureAwait(false);
                var more = slice.End < plan.To;
                if (more)
                {
                    reading = reader.ReadNextAsync(account, slice.End.AddSeconds(1), plan.To, sizer, stop.Token);
                }

                var next = await pipeline.StartAsync(slice.Records, cursors.After(plan, slice.End, now), context, pending, cancellationToken).ConfigureAwait(false);
                events += next.Events;
                records += slice.Records.Count;
                if (pending is not null)
                {
                    await CompleteAsync(pending).ConfigureAwait(false);
                }

                pending = next;
                if (!more)
                {
                    await CompleteAsync(pending).ConfigureAwait(false);
                    return (records, events);
                }
            }
        }
        catch
        {
            // Do not leave a read or a commit running (and failing unobserved) after this window gave up; the
            // next poll starts again from the committed state.
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAny(reading).ConfigureAwait(false);
            if (pending is not null)
            {
                await Task.WhenAny(pending.Commit).ConfigureAwait(false);
                if (pending.Commit.IsCompletedSuccessfully)
                {
                    cursors.Committed(pending.Cursor);
                }
            }

            pipeline.Abandon();
            throw;
        }
    }

    private async Task CompleteAsync(PendingSlice slice)
    {
        await pipeline.CompleteAsync(slice).ConfigureAwait(false);
        cursors.Committed(slice.Cursor);
    }
}
