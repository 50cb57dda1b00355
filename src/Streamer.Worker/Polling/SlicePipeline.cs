using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.Detection;
using Streamer.Worker.Media;
using Streamer.Worker.Publishing;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>
/// Detect, publish, commit, one slice after the other: each record is compared with its last known state,
/// its events are published, and only once the broker confirmed all of a slice's events are its records'
/// states, media jobs and cursor committed, in one transaction and in slice order. A crash anywhere before
/// the commit re-reads the slice and re-publishes the same event ids.
/// </summary>
internal sealed class SlicePipeline(
    NxlinkAccount account,
    IStateStore store,
    IEventPublisher publisher,
    RejectionReporter rejections,
    StreamerMetrics metrics,
    ILogger logger,
    bool archiveMedia)
{
    // States detected but not committed yet: newer than the store's, so the next slice compares with them.
    private readonly Dictionary<string, RecordSnapshot> unconfirmed = new(StringComparer.Ordinal);

    /// <summary>
    /// Detects a slice and starts publishing it. The returned slice's commit (of <paramref name="cursor"/> with
    /// the slice's states) completes once the broker confirmed the slice, and never before the commit of
    /// <paramref name="previous"/>. When a record is still unconfirmed in <paramref name="previous"/>, this
    /// waits for that commit before publishing, so a record's events never overtake each other.
    /// </summary>
    public async Task<PendingSlice> StartAsync(
        IReadOnlyList<ChatRecord> records, AccountCursor cursor, DetectionContext context, PendingSlice? previous, CancellationToken cancellationToken)
    {
        var ids = new List<string>(records.Count);
        foreach (var record in records)
        {
            if (!string.IsNullOrWhiteSpace(record.Id))
            {
                ids.Add(record.Id);
            }
        }

        var stored = await store.GetSnapshotsAsync(account.Name, ids, cancellationToken).ConfigureAwait(false);
        var eventsByRecord = new List<IReadOnlyList<ChatMessageEvent>>();
        var changed = new List<RecordSnapshot>();
        var rejected = new List<ChatRecordRejected>();
        var mediaJobs = new List<MediaJob>();
        var events = 0;
        var overlaps = false;
        foreach (var record in records)
        {
            RecordSnapshot? previousState = null;
            if (record.Id is not null)
            {
                if (unconfirmed.TryGetValue(record.Id, out var pendingState))
                {
                    previousState = pendingState;
                    overlaps = true;
                }
                else
                {
                    previousState = stored.GetValueOrDefault(record.Id);
                }
            }

            var result = ChangeDetector.Detect(previousState, record, context);
            if (result.IsRejected)
            {
                if (rejections.Report(record, result.RejectReason!) is { } rejection)
                {
                    rejected.Add(rejection);
                }

                continue;
            }

            if (result.BackwardSteps > 0)
            {
                metrics.Backward(account.Name, result.BackwardSteps);
                Log.BackwardStatus(logger, account.Name, record.Id!, result.BackwardSteps);
            }

            if (result.Events.Count > 0)
            {
                eventsByRecord.Add(result.Events);
                events += result.Events.Count;
                if (archiveMedia)
                {
                    MediaJobs.Collect(account.Name, result.Events, mediaJobs);
                }
            }

            if (!ReferenceEquals(result.Snapshot, previousState))
            {
                changed.Add(result.Snapshot!);
            }
        }

        foreach (var snapshot in changed)
        {
            unconfirmed[snapshot.RecordId] = snapshot;
        }

        if (overlaps && previous is not null)
        {
            await previous.Commit.ConfigureAwait(false);
        }

        var publishing = Task.WhenAll(
            publisher.PublishAsync(eventsByRecord, cancellationToken),
            publisher.PublishRejectedAsync(rejected, cancellationToken));
        var commit = CommitAsync(publishing, previous?.Commit, new StateCommit(cursor) { Snapshots = changed, MediaJobs = mediaJobs }, rejected, cancellationToken);
        return new PendingSlice(commit, cursor, changed, events);
    }

    /// <summary>
    /// Waits for a slice's commit, then forgets the in-memory states it made durable (unless a later slice
    /// replaced them). Throws when the slice could not be published or committed.
    /// </summary>
    public async Task CompleteAsync(PendingSlice slice)
    {
        await slice.Commit.ConfigureAwait(false);
        foreach (var snapshot in slice.Changed)
        {
            if (unconfirmed.TryGetValue(snapshot.RecordId, out var current) && ReferenceEquals(current, snapshot))
            {
                unconfirmed.Remove(snapshot.RecordId);
            }
        }
    }

    /// <summary>Forgets every state not committed: the window gave up, and the next poll re-reads it from the store's.</summary>
    public void Abandon() => unconfirmed.Clear();

    private async Task CommitAsync(
        Task publishing, Task? previous, StateCommit commit, List<ChatRecordRejected> rejected, CancellationToken cancellationToken)
    {
        await publishing.ConfigureAwait(false);

        // In slice order: a slice is committed only after every earlier one was, so the cursor never passes
        // a slice that failed.
        if (previous is not null)
        {
            await previous.ConfigureAwait(false);
        }

        rejections.Published(rejected);

        // Media downloads are queued in the same transaction: a record is committed with its job or not at all.
        await store.CommitAsync(account.Name, commit, cancellationToken).ConfigureAwait(false);
    }
}
