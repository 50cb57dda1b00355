using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.Detection;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;
using Streamer.Worker.Telemetry;

namespace Streamer.Worker.Polling;

/// <summary>
/// Detect and commit, one slice after the other: each record is compared with its last known state, and
/// the records' new states, their events (into the outbox), their media jobs and the cursor are committed
/// in one local transaction, whether or not the broker is there. The outbox relay publishes the events.
/// Every observation of a record in the slice counts: a record read more than once (its pages drifted) is
/// compared state after state, in the order of its <c>updated_at</c>, so no intermediate state is lost.
/// A record that cannot be turned into events is rejected alone; the rest of the slice commits.
/// </summary>
internal sealed class SlicePipeline(
    NxlinkAccount account,
    IStateStore store,
    OutboxInlet outbox,
    RejectionReporter rejections,
    RecordObserver observer,
    bool archiveMedia)
{
    /// <summary>Waits until the outbox has room for more (polling pauses while the broker is away long enough to fill it).</summary>
    public ValueTask WaitForRoomAsync(CancellationToken cancellationToken) => outbox.WaitForRoomAsync(account.Name, cancellationToken);

    /// <summary>
    /// Detects a slice and commits it with <paramref name="cursor"/> (and, for a window's last slice, its
    /// <paramref name="pass"/>), after <paramref name="previous"/>'s commit. The returned slice is committed,
    /// and its events are handed to the relay.
    /// </summary>
    public async Task<PendingSlice> StartAsync(
        IReadOnlyList<ChatRecord> records, AccountCursor cursor, DetectionContext context, PendingSlice? previous, PassSummary? pass, CancellationToken cancellationToken)
    {
        if (previous is not null)
        {
            await previous.Commit.ConfigureAwait(false);
        }

        var entries = new List<OutboxEntry>();
        var changed = new List<RecordSnapshot>();
        var rejected = new List<ChatRecordRejected>();
        var mediaJobs = new List<MediaJob>();
        var events = 0;

        // The outbox entries take the detect span's trace context: their publishes continue it.
        using (StreamerActivities.StartDetect(account.Name, records.Count))
        {
            var observations = SliceObservations.Of(records);
            var stored = await store.GetSnapshotsAsync(account.Name, observations.Ids, cancellationToken).ConfigureAwait(false);
            foreach (var unnamed in observations.WithoutId)
            {
                Reject(unnamed, unnamed.Unreadable ?? RecordIds.Problem(unnamed.Id)!, entries, rejected);
            }

            foreach (var (id, states) in observations.ByRecord)
            {
                var before = stored.GetValueOrDefault(id);
                var state = before;
                foreach (var record in states)
                {
                    // An observation older than what is known (a page read before another that showed a later
                    // state) adds nothing. An updated_at that is no timestamp at all goes on, to be rejected.
                    if (state is not null && string.CompareOrdinal(record.UpdatedAt, state.UpdatedAt) < 0 && NxlinkTime.TryParseLocal(record.UpdatedAt, out _))
                    {
                        continue;
                    }

                    var (result, encoded, reason) = observer.Observe(state, record, context);
                    if (reason is not null)
                    {
                        Reject(record, reason, entries, rejected);
                        continue;
                    }

                    entries.AddRange(encoded);
                    events += result.Events.Count;
                    if (archiveMedia && result.Events.Count > 0)
                    {
                        MediaJobs.Collect(account.Name, result.Events, mediaJobs);
                    }

                    state = result.Snapshot;
                }

                if (!ReferenceEquals(state, before))
                {
                    changed.Add(state!);
                }
            }
        }

        // Media downloads and events are committed in the same transaction: a record is committed with its
        // job and its events, or not at all.
        using (StreamerActivities.StartCommit(account.Name, entries.Count))
        {
            await store.CommitAsync(account.Name, new StateCommit(cursor) { Snapshots = changed, MediaJobs = mediaJobs, Outbox = entries, Pass = pass }, cancellationToken).ConfigureAwait(false);
        }

        rejections.Published(rejected);
        outbox.Committed(entries);
        return new PendingSlice(Task.CompletedTask, cursor, changed, events);
    }

    /// <summary>Waits for a slice's commit; throws when it could not be committed.</summary>
    public Task CompleteAsync(PendingSlice slice) => slice.Commit;

    private void Reject(ChatRecord record, string reason, List<OutboxEntry> entries, List<ChatRecordRejected> rejected)
    {
        if (rejections.Report(record, reason) is not { } rejection)
        {
            return;
        }

        rejected.Add(rejection);
        var entry = OutboxCodec.Encode(account.Name, rejection);
        if (!observer.Fits(entry))
        {
            // A record too large for the broker makes a rejection as large: it goes without its raw JSON.
            var trimmed = rejection with { RawJson = string.Empty, Reason = $"{reason}; its raw JSON ({rejection.RawJson.Length} characters) is left out, too large for the broker" };
            entry = OutboxCodec.Encode(account.Name, trimmed);
        }

        entries.Add(entry);
    }
}
