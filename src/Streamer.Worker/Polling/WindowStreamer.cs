using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Detection;
using Streamer.Worker.Health;

namespace Streamer.Worker.Polling;

/// <summary>
/// Streams a planned window slice by slice through the <see cref="SlicePipeline"/>: the next slice is read
/// while the current one is detected and committed, and commits stay in slice order. The window's last
/// slice reads ahead of its end (see <see cref="SliceReader"/>), and its commit records the pass. Each commit
/// is the account's progress for <see cref="AccountHealth"/>.
/// </summary>
internal sealed class WindowStreamer(
    NxlinkAccount account, PollingOptions options, SliceReader reader, SlicePipeline pipeline, CursorBook cursors, PassMeter passes, AccountHealth health)
{
    /// <summary>Reads, publishes and commits every slice of <paramref name="plan"/>; returns the records read, the events committed and the records of the last slice.</summary>
    public async Task<(int Records, int Events, IReadOnlyList<ChatRecord> Latest)> StreamAsync(WindowPlan plan, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var context = new DetectionContext(
            account.TenantId,
            account.TimeZone,
            plan.Snapshot ? ChangeOrigin.Snapshot : ChangeOrigin.Live,
            plan.Snapshot ? null : now - WindowPlanner.LongestHorizon(options),
            cursors.Current?.SnapshotCutoff,
            RecordTimestamps.NotAfter(now, account.TimeZone));
        var sizer = new SliceSizer(options, plan.To - plan.From);
        var (records, events, requests) = (0, 0, 0);
        var started = passes.Start();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = ReadAsync(plan.From, plan.To, sizer, stop.Token);
        PendingSlice? pending = null;
        try
        {
            while (true)
            {
                var slice = await reading.ConfigureAwait(false);
                var more = slice.End < plan.To;
                if (more)
                {
                    reading = ReadAsync(slice.End.AddSeconds(1), plan.To, sizer, stop.Token);
                }

                records += slice.Records.Count;
                requests += slice.Requests;
                var pass = more ? null : passes.Finish(plan, started, requests, records);
                var next = await pipeline.StartAsync(slice.Records, cursors.After(plan, slice.End, now), context, pending, pass, cancellationToken).ConfigureAwait(false);
                events += next.Events;
                if (pending is not null)
                {
                    await CompleteAsync(pending).ConfigureAwait(false);
                }

                pending = next;
                if (!more)
                {
                    await CompleteAsync(pending).ConfigureAwait(false);
                    return (records, events, slice.Records);
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
                    health.Progressed(account.Name, pending.Cursor.Position);
                }
            }

            throw;
        }
    }

    // Nothing more is read while the outbox is full. Windows end near now: the last slice reads ahead.
    private async Task<Slice> ReadAsync(DateTimeOffset start, DateTimeOffset last, SliceSizer sizer, CancellationToken cancellationToken)
    {
        await pipeline.WaitForRoomAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadNextAsync(account, start, last, sizer, live: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task CompleteAsync(PendingSlice slice)
    {
        await pipeline.CompleteAsync(slice).ConfigureAwait(false);
        cursors.Committed(slice.Cursor);
        health.Progressed(account.Name, slice.Cursor.Position);
    }
}
