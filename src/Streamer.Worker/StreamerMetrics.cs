using System.Diagnostics.Metrics;
using Streamer.Contracts;

namespace Streamer.Worker;

/// <summary>The worker's counters (meter <c>Streamer.Worker</c>). Tags carry ids and types only, never content.</summary>
public sealed class StreamerMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Streamer.Worker";

    private readonly Counter<long> published;
    private readonly Counter<long> fetched;
    private readonly Counter<long> rejected;
    private readonly Counter<long> backward;
    private readonly Counter<long> drift;
    private readonly Counter<long> apiErrors;
    private readonly Counter<long> apiRequests;
    private readonly Counter<long> mediaArchived;
    private readonly Counter<long> mediaBytes;
    private readonly Counter<long> mediaFailed;
    private readonly Histogram<double> publishDuration;
    private readonly Histogram<double> passDuration;
    private readonly Histogram<int> passRequests;
    private readonly Counter<long> totalIgnored;
    private readonly Counter<long> secondsCapped;
    private readonly Counter<long> clamped;
    private readonly Counter<long> fencedWrites;
    private readonly Meter meter;
    private readonly Counter<long> mediaRefused;
    private readonly Histogram<double> scheduleLag;

    /// <summary>Creates the instruments on a meter from the factory.</summary>
    public StreamerMetrics(IMeterFactory meterFactory)
    {
        meter = meterFactory.Create(MeterName);
        published = meter.CreateCounter<long>("streamer.events.published", description: "Events confirmed by the broker, by type.");
        fetched = meter.CreateCounter<long>("streamer.records.fetched", description: "Records read from the API.");
        rejected = meter.CreateCounter<long>("streamer.records.rejected", description: "Records that could not be turned into events.");
        backward = meter.CreateCounter<long>("streamer.status.backward", description: "Status steps backwards seen and not emitted.");
        drift = meter.CreateCounter<long>("streamer.slices.drift", description: "Times records left a slice while it was paged and the pages before were read again.");
        apiErrors = meter.CreateCounter<long>("streamer.api.errors", description: "API calls that failed, by code.");
        apiRequests = meter.CreateCounter<long>("streamer.api.requests", description: "API requests (each attempt), by result code: 0 success, the API's documented code or other, http4xx or http5xx, page_too_large, timeout or network.");
        mediaArchived = meter.CreateCounter<long>("streamer.media.archived", description: "Media files archived.");
        mediaBytes = meter.CreateCounter<long>("streamer.media.bytes", unit: "By", description: "Bytes of the media files archived (before deduplication).");
        mediaFailed = meter.CreateCounter<long>("streamer.media.failed", description: "Media files given up, by reason.");
        publishDuration = meter.CreateHistogram<double>(
            "streamer.publish.duration",
            unit: "s",
            description: "Time from publishing an event to the broker's confirmation, by type.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
        passDuration = meter.CreateHistogram(
            "streamer.poll.pass.duration",
            unit: "s",
            description: "Time one poll took to read its window, by account and horizon (snapshot, incremental, or the widest re-scan tier due).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60, 300] });
        passRequests = meter.CreateHistogram(
            "streamer.poll.pass.requests",
            description: "Page requests one poll made to read its window, by account and horizon.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000] });
        mediaRefused = meter.CreateCounter<long>("streamer.media.refused", description: "Media downloads refused by a rule (scheme, host, address, redirect, content-type, signature, size), by rule.");
        totalIgnored = meter.CreateCounter<long>("streamer.slices.total_ignored", description: "Slice reads whose API total could not be true (negative, or over Polling:MaxPagesPerSecondSlice pages) and was ignored.");
        secondsCapped = meter.CreateCounter<long>("streamer.slices.capped", description: "Single seconds with full pages still at Polling:MaxPagesPerSecondSlice; the rest of each was not read.");
        clamped = meter.CreateCounter<long>("streamer.cursor.clamped", description: "Saved cursors or re-scan runs ahead of the clock, clamped to now.");
        fencedWrites = meter.CreateCounter<long>("streamer.cluster.fenced_writes", description: "State writes refused because this instance no longer held the account's lease with that fencing token; the account stopped here.");
        scheduleLag = meter.CreateHistogram(
            "streamer.poll.schedule.lag",
            unit: "s",
            description: "How late polls (and retries after a back-off) were given their slot after their due time, over all accounts.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });
    }

    /// <summary>An event was confirmed.</summary>
    public void Published(ChatMessageEvent message) =>
        published.Add(1, new KeyValuePair<string, object?>("type", message.GetType().Name));

    /// <summary>An event was confirmed <paramref name="elapsed"/> after it was published.</summary>
    public void PublishLatency(ChatMessageEvent message, TimeSpan elapsed) =>
        publishDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("type", message.GetType().Name));

    /// <summary>Records were read.</summary>
    public void Fetched(string account, int count) => fetched.Add(count, new KeyValuePair<string, object?>("account", account));

    /// <summary>A record was rejected.</summary>
    public void Rejected(string account) => rejected.Add(1, new KeyValuePair<string, object?>("account", account));

    /// <summary>Backward status steps were dropped.</summary>
    public void Backward(string account, int count) => backward.Add(count, new KeyValuePair<string, object?>("account", account));

    /// <summary>Records left a slice while it was paged; pages were read again.</summary>
    public void Drift(string account) => drift.Add(1, new KeyValuePair<string, object?>("account", account));

    /// <summary>A poll read its window over <paramref name="horizon"/> in <paramref name="duration"/> with <paramref name="requests"/> page requests.</summary>
    public void Pass(string account, string horizon, TimeSpan duration, int requests)
    {
        KeyValuePair<string, object?>[] tags = [new("account", account), new("horizon", horizon)];
        passDuration.Record(duration.TotalSeconds, tags);
        passRequests.Record(requests, tags);
    }

    /// <summary>An API call failed.</summary>
    public void ApiError(string account, string code) =>
        apiErrors.Add(1, new KeyValuePair<string, object?>("account", account), new KeyValuePair<string, object?>("code", code));

    /// <summary>An API request (one attempt) ended with <paramref name="code"/>.</summary>
    public void ApiRequest(string account, string code) =>
        apiRequests.Add(1, new KeyValuePair<string, object?>("account", account), new KeyValuePair<string, object?>("code", code));

    /// <summary>A media file was archived.</summary>
    public void MediaArchived(string account, long size)
    {
        mediaArchived.Add(1, new KeyValuePair<string, object?>("account", account));
        mediaBytes.Add(size, new KeyValuePair<string, object?>("account", account));
    }

    /// <summary>A media file was given up.</summary>
    public void MediaFailed(string account, MediaArchiveFailure reason) =>
        mediaFailed.Add(1, new KeyValuePair<string, object?>("account", account), new KeyValuePair<string, object?>("reason", reason.ToString()));

    /// <summary>Reports <c>streamer.outbox.events</c>, <c>streamer.outbox.bytes</c> and <c>streamer.outbox.paused</c> (1 while polling waits for room).</summary>
    public void ObserveOutbox(Func<long> rows, Func<long> bytes, Func<int> paused)
    {
        meter.CreateObservableGauge("streamer.outbox.events", rows, description: "Events committed and waiting for the broker's confirmation.");
        meter.CreateObservableGauge("streamer.outbox.bytes", bytes, unit: "By", description: "Bytes of the events waiting in the outbox.");
        meter.CreateObservableGauge("streamer.outbox.paused", paused, description: "1 while polling is paused because the outbox is full.");
    }

    /// <summary>Reports <c>streamer.poll.lag</c> (now minus the cursor, per account) from <paramref name="observe"/>.</summary>
    public void ObservePollLag(Func<IEnumerable<Measurement<double>>> observe) =>
        meter.CreateObservableGauge("streamer.poll.lag", observe, unit: "s", description: "Now minus the account's cursor after its last successful poll.");

    /// <summary>A media download was refused by <paramref name="rule"/>.</summary>
    public void MediaRefused(string account, string rule) =>
        mediaRefused.Add(1, new KeyValuePair<string, object?>("account", account), new KeyValuePair<string, object?>("rule", rule));

    /// <summary>Reports <c>streamer.media.paused</c> (1 while media downloads wait for disk space) from <paramref name="paused"/>.</summary>
    public void ObserveMediaPaused(Func<int> paused) =>
        meter.CreateObservableGauge("streamer.media.paused", paused, description: "1 while media downloads are paused because the disk is full.");

    /// <summary>A slice read's API total could not be true and was ignored.</summary>
    public void TotalIgnored(string account) => totalIgnored.Add(1, new KeyValuePair<string, object?>("account", account));

    /// <summary>A single second was read up to the hard cap of pages and the rest of it was not read.</summary>
    public void SecondCapped(string account) => secondsCapped.Add(1, new KeyValuePair<string, object?>("account", account));

    /// <summary>A saved cursor or re-scan run ahead of the clock was clamped to now.</summary>
    public void CursorClamped(string account) => clamped.Add(1, new KeyValuePair<string, object?>("account", account));

    /// <summary>Observes which timestamp each account's API is taken to filter on.</summary>
    public void ObserveFilters(Func<IEnumerable<Measurement<int>>> observe) =>
        meter.CreateObservableGauge("streamer.poll.filter", observe, description: "1 while the account's API is taken to filter on updated_at, 0 on created_at; tagged with the basis (Configured, NoEvidence, Probed, Disagreed).");

    /// <summary>A poll (or a retry) was given its slot <paramref name="lag"/> after it was due.</summary>
    public void PollScheduleLag(TimeSpan lag) => scheduleLag.Record(lag.TotalSeconds);

    /// <summary>
    /// Reports <c>streamer.poll.accounts.due</c> (accounts due and waiting for a slot), <c>streamer.poll.accounts.running</c>
    /// (polls holding a slot) and <c>streamer.poll.accounts.backing_off</c> (accounts waiting out a back-off after a failed poll).
    /// </summary>
    public void ObservePollScheduling(Func<int> due, Func<int> running, Func<int> backingOff)
    {
        meter.CreateObservableGauge("streamer.poll.accounts.due", due, description: "Accounts whose poll is due and waits for a slot (Polling:MaxConcurrentAccounts).");
        meter.CreateObservableGauge("streamer.poll.accounts.running", running, description: "Accounts being polled, each holding a slot.");
        meter.CreateObservableGauge("streamer.poll.accounts.backing_off", backingOff, description: "Accounts waiting out the back-off after a failed poll (holding no slot).");
    }

    /// <summary>A state write of <paramref name="account"/> was refused for its lease.</summary>
    public void FencedWrite(string account) => fencedWrites.Add(1, new KeyValuePair<string, object?>("account", account));
}
