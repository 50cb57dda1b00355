using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Detection;
using Streamer.Worker.Health;
using Streamer.Worker.Media;
using Streamer.Worker.Publishing;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>
/// Streams one account: every interval, plan a window, read it slice by slice, turn records into events,
/// publish them, and only once the broker confirmed them all commit the records' state and the cursor.
/// A crash anywhere before the commit re-reads the slice and re-publishes the same event ids.
/// </summary>
internal sealed class AccountPoller(
    NxlinkAccount account,
    TimeSpan interval,
    PollingOptions options,
    TimeSpan pruneInterval,
    SliceReader reader,
    IStateStore store,
    IEventPublisher publisher,
    TimeProvider time,
    StreamerMetrics metrics,
    ILogger logger,
    AccountHealth health,
    bool archiveMedia)
{
    private readonly HashSet<string> reportedRejects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RecordSnapshot> unconfirmed = new(StringComparer.Ordinal);
    private AccountCursor? cursor;
    private bool cursorLoaded;
    private DateTimeOffset lastPrune = DateTimeOffset.MinValue;

    /// <summary>The account name.</summary>
    public string Name => account.Name;

    /// <summary>Polls until cancelled. Failures are logged and retried; they never end the loop.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        var failures = 0;
        do
        {
            try
            {
                await PollOnceAsync(cancellationToken).ConfigureAwait(false);
                health.Polled(account.Name, cursor?.Position);
                failures = 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (NxlinkConfigurationException ex)
            {
                metrics.ApiError(account.Name, ex.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"http{ex.HttpStatus}");
                Log.ConfigurationError(logger, account.Name, ex.Message, options.ConfigurationErrorDelay);
                health.Failed(account.Name, ex.Message);
                await DelayAsync(options.ConfigurationErrorDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // Anything else (API still failing after retries, broker unreachable, publish timeout): nothing
                // was committed, so the next poll re-reads the same window. Back off so we do not spin.
                failures++;
                var delay = TimeSpan.FromTicks(Math.Min(interval.Ticks * (1L << Math.Min(failures, 6)), TimeSpan.FromMinutes(1).Ticks));
                Log.PollFailed(logger, account.Name, ex.GetType().Name, delay, ex);
                await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
            }
        }
        while (await WaitAsync(timer, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>One poll: plan, read, detect, publish, commit.</summary>
    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        if (!cursorLoaded)
        {
            cursor = await store.GetCursorAsync(account.Name, cancellationToken).ConfigureAwait(false);
            cursorLoaded = true;
        }

        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        var plan = WindowPlanner.Plan(cursor, now, options);
        if (cursor is null)
        {
            Log.Starting(logger, account.Name, plan.From, "initial snapshot");
            var tierRuns = plan.TiersDue.ToDictionary(WindowPlanner.TierKey, _ => now);
            cursor = new AccountCursor(plan.From.AddSeconds(-1), SnapshotDone: false, tierRuns);
        }

        var context = new DetectionContext(
            account.TenantId,
            account.TimeZone,
            plan.Snapshot ? ChangeOrigin.Snapshot : ChangeOrigin.Live,
            plan.Snapshot ? null : now - WindowPlanner.LongestHorizon(options));

        var (records, events) = plan.IsEmpty ? (0, 0) : await ReadWindowAsync(plan, context, cancellationToken).ConfigureAwait(false);

        // The whole window is published: record which tiers it covered, and end the snapshot phase.
        var runs = new Dictionary<string, DateTimeOffset>(cursor.TierRuns);
        foreach (var tier in plan.TiersDue)
        {
            runs[WindowPlanner.TierKey(tier)] = now;
        }

        var done = cursor with { SnapshotDone = true, TierRuns = runs };
        await store.CommitAsync(account.Name, new StateCommit(done), cancellationToken).ConfigureAwait(false);
        cursor = done;
        if (plan.Snapshot)
        {
            Log.SnapshotDone(logger, account.Name, plan.To);
        }

        Log.WindowDone(logger, account.Name, plan.From, plan.To, records, events, time.GetElapsedTime(started));
        await PruneIfDueAsync(now, cancellationToken).ConfigureAwait(false);
    }

    // Slices are processed in order, overlapped two ways: the next slice is read while the current one is
    // published, and the next slice is detected and published while the current one's last confirmations
    // and its commit complete. Commits stay in slice order, and a slice whose records are still unconfirmed
    // in the previous one waits for it, so a record's events never overtake each other.
    private async Task<(int Records, int Events)> ReadWindowAsync(WindowPlan plan, DetectionContext context, CancellationToken cancellationToken)
    {
        var records = 0;
        var events = 0;
        var span = plan.To - plan.From;
        var start = plan.From;
        var end = Min(plan.To, start + span);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = reader.ReadAsync(account, start, end, canSplit: end > start, stop.Token);
        PendingSlice? pending = null;
        try
        {
            while (true)
            {
                var slice = await reading.ConfigureAwait(false);
                if (slice.TooBig)
                {
                    // Aim at 80% of the page budget assuming records spread evenly; at least one second.
                    var budget = (double)options.MaxPagesPerSlice * options.PageSize;
                    var seconds = Math.Max(0, Math.Floor((end - start).TotalSeconds * 0.8 * budget / Math.Max(1, slice.Total)));
                    span = TimeSpan.FromSeconds(Math.Min(seconds, Math.Max(0, (end - start).TotalSeconds - 1)));
                    end = Min(plan.To, start + span);
                    reading = reader.ReadAsync(account, start, end, canSplit: end > start, stop.Token);
                    continue;
                }

                // A sparse slice lets the next one grow back.
                if (slice.Total < options.PageSize * options.MaxPagesPerSlice / 4)
                {
                    span = TimeSpan.FromTicks(Math.Max(span.Ticks * 2, TimeSpan.TicksPerSecond));
                }

                var sliceEnd = end;
                var more = sliceEnd < plan.To;
                if (more)
                {
                    start = sliceEnd.AddSeconds(1);
                    end = Min(plan.To, start + span);
                    reading = reader.ReadAsync(account, start, end, canSplit: end > start, stop.Token);
                }

                var next = await ProcessAsync(slice.Records, sliceEnd, context, pending, cancellationToken).ConfigureAwait(false);
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
            }

            unconfirmed.Clear();
            throw;
        }
    }

    // Detects a slice and starts publishing it; the returned commit completes once the broker confirmed it all
    // and the store committed it, after the previous slice's commit.
    private async Task<PendingSlice> ProcessAsync(
        IReadOnlyList<ChatRecord> records, DateTimeOffset sliceEnd, DetectionContext context, PendingSlice? previous, CancellationToken cancellationToken)
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
            // The previous slice's state of a record, not committed yet, is newer than the store's.
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
                if (Reject(record, result.RejectReason!) is { } rejection)
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
        var commit = CommitAsync(publishing, previous?.Commit, changed, mediaJobs, rejected, sliceEnd, cancellationToken);
        return new PendingSlice(commit, changed, events);
    }

    private async Task CommitAsync(
        Task publishing,
        Task? previous,
        List<RecordSnapshot> changed,
        List<MediaJob> mediaJobs,
        List<ChatRecordRejected> rejected,
        DateTimeOffset sliceEnd,
        CancellationToken cancellationToken)
    {
        await publishing.ConfigureAwait(false);

        // In slice order: a slice is committed only after every earlier one was, so the cursor never passes
        // a slice that failed.
        if (previous is not null)
        {
            await previous.ConfigureAwait(false);
        }

        lock (reportedRejects)
        {
            foreach (var rejection in rejected)
            {
                reportedRejects.Add(RejectKey(rejection.RecordId, rejection.RawJson));
            }
        }

        // The in-memory cursor moves only once the commit succeeded. Media downloads are queued in the same
        // transaction: a record is committed with its job or not at all.
        var next = cursor! with { Position = Max(cursor!.Position, sliceEnd) };
        await store.CommitAsync(account.Name, new StateCommit(next) { Snapshots = changed, MediaJobs = mediaJobs }, cancellationToken).ConfigureAwait(false);
        cursor = next;
    }

    // Waits for a slice's commit, then forgets the in-memory states it made durable (unless a later slice
    // replaced them).
    private async Task CompleteAsync(PendingSlice slice)
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

    // Re-scans meet the same bad record again and again: it is published (and logged) once per process;
    // after a restart it is published again with the same EventId, which consumers dedupe.
    private ChatRecordRejected? Reject(ChatRecord record, string reason)
    {
        var raw = record.RawJson();
        var key = RejectKey(record.Id, raw);
        lock (reportedRejects)
        {
            if (reportedRejects.Contains(key))
            {
                return null;
            }

            if (reportedRejects.Count > 100_000)
            {
                reportedRejects.Clear();
            }
        }

        metrics.Rejected(account.Name);
        Log.RecordRejected(logger, account.Name, record.Id ?? "(none)", reason);
        return new ChatRecordRejected
        {
            EventId = EventIds.Create(account.TenantId, record.Id ?? string.Empty, "rejected", key),
            TenantId = account.TenantId,
            Account = account.Name,
            RecordId = record.Id,
            Reason = reason,
            RawJson = raw,
            ObservedAt = time.GetUtcNow(),
        };
    }

    private static string RejectKey(string? recordId, string raw) =>
        $"{recordId}|{StableHash.Of(raw).ToString("x16", System.Globalization.CultureInfo.InvariantCulture)}";

    private async Task PruneIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - lastPrune < pruneInterval)
        {
            return;
        }

        lastPrune = now;

        // Keep an hour beyond the longest horizon so a re-scan never meets a record it has just forgotten.
        var before = now - WindowPlanner.LongestHorizon(options) - TimeSpan.FromHours(1);
        var pruned = await store.PruneAsync(account.Name, before, cancellationToken).ConfigureAwait(false);
        if (pruned > 0)
        {
            Log.Pruned(logger, account.Name, pruned, before);
        }
    }

    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
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

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
