using Polly;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.Polling;

/// <summary>
/// Reads every record of a time slice, page by page in ascending order, and detects page drift: records
/// moving between pages while they are read (<c>total</c> changing, a record seen twice, fewer records
/// than <c>total</c>). A drifted slice is re-read; one that keeps drifting is for the caller to cut smaller
/// or, for a single second, to accept (the overlap and re-scans of later polls catch what moved). Every
/// record read is a true observation of its state at that moment, so none is dropped: what a drifted or
/// too big read showed is returned along with the read that is used, in read order.
/// </summary>
internal sealed class SliceReader(
    NxlinkClient client,
    ResiliencePipeline pipeline,
    PollingOptions options,
    StreamerMetrics metrics,
    ILogger logger)
{
    /// <summary>
    /// Reads the next slice of a window from <paramref name="start"/>, at most up to <paramref name="last"/>,
    /// as wide as <paramref name="sizer"/> allows: a slice it cuts is read again smaller. A single second
    /// that keeps drifting is taken as the union of its reads.
    /// </summary>
    public async Task<Slice> ReadNextAsync(NxlinkAccount account, DateTimeOffset start, DateTimeOffset last, SliceSizer sizer, CancellationToken cancellationToken)
    {
        List<ChatRecord>? earlier = null;
        while (true)
        {
            var end = sizer.EndOf(start, last);
            var read = await ReadAsync(account, start, end, cancellationToken).ConfigureAwait(false);
            if (!sizer.Accept(read, start, end))
            {
                (earlier ??= []).AddRange(read.Records);
                continue;
            }

            if (read.Outcome == SliceOutcome.Drifted)
            {
                Log.SliceDriftAccepted(logger, account.Name, start, end, read.Records.Count);
            }

            if (earlier is not null)
            {
                earlier.AddRange(read.Records);
                return new Slice(start, end, earlier);
            }

            return new Slice(start, end, read.Records);
        }
    }

    /// <summary>Reads <c>[start, end]</c>; a slice of more than one second over the page budget comes back as too big after its first page.</summary>
    public async Task<SliceRead> ReadAsync(NxlinkAccount account, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var budget = (long)options.MaxPagesPerSlice * options.PageSize;
        List<ChatRecord>? drifted = null;
        var lastTotal = 0;
        for (var attempt = 0; attempt <= options.DriftRetries; attempt++)
        {
            var query = new ChatRecordsQuery { StartTime = start, EndTime = end, Ascending = true, PageSize = options.PageSize, PageNumber = 1 };
            var first = await FetchAsync(account, query, cancellationToken).ConfigureAwait(false);
            var total = first.Total ?? 0;
            lastTotal = total;

            // A single second cannot be cut: it is read whole, however many pages it has.
            if (end > start && total > budget)
            {
                return new SliceRead(SliceOutcome.TooBig, total, Observations(drifted, [first]));
            }

            var seen = new Dictionary<string, ChatRecord>(Math.Min(total, 10_000), StringComparer.Ordinal);
            var moved = !Add(first, seen);
            var pages = (total + options.PageSize - 1) / options.PageSize;

            // The other pages are fetched a few at a time (a sliding window, so one slow page does not hold
            // the others back): over a slow API this is most of the poll's time. They are checked in order.
            var rest = Array.Empty<ChatRecordsResponse>();
            if (pages > 1 && !moved)
            {
                rest = new ChatRecordsResponse[pages - 1];
                await Parallel.ForEachAsync(
                    Enumerable.Range(2, pages - 1),
                    new ParallelOptions { MaxDegreeOfParallelism = options.PageConcurrency, CancellationToken = cancellationToken },
                    async (page, ct) => rest[page - 2] = await FetchAsync(account, query with { PageNumber = page }, ct).ConfigureAwait(false)).ConfigureAwait(false);
                foreach (var next in rest)
                {
                    moved = moved || (next.Total ?? 0) != total || !Add(next, seen) || (next.List?.Count ?? 0) == 0;
                }
            }

            moved |= seen.Count != total;
            if (!moved)
            {
                return new SliceRead(SliceOutcome.Complete, total, drifted is null ? seen.Values.ToList() : Observations(drifted, [first, .. rest]));
            }

            // Kept as read, a record twice when it was read twice: each is a state it had.
            drifted = Observations(drifted, [first, .. rest]);

            metrics.Drift(account.Name);
            Log.SliceDrift(logger, account.Name, start, end, attempt + 1);
        }

        return new SliceRead(SliceOutcome.Drifted, lastTotal, drifted ?? []);
    }

    private async Task<ChatRecordsResponse> FetchAsync(NxlinkAccount account, ChatRecordsQuery query, CancellationToken cancellationToken)
    {
        var page = await pipeline.ExecuteAsync(
            static async (state, ct) => await state.client.GetPageAsync(state.account, state.query, ct).ConfigureAwait(false),
            (client, account, query),
            cancellationToken).ConfigureAwait(false);
        metrics.Fetched(account.Name, page.List?.Count ?? 0);
        return page;
    }

    // False when a record comes twice within one read: records moved forward between pages.
    private static bool Add(ChatRecordsResponse page, Dictionary<string, ChatRecord> seen)
    {
        var unique = true;
        var anonymous = 0;
        foreach (var record in page.List ?? [])
        {
            // A record without id cannot drift-check; keep it under a synthetic key so it is rejected, not lost.
            var key = record.Id ?? $"\u0000missing-id-{page.PageNumber}-{anonymous++}";
            unique &= seen.TryAdd(key, record);
        }

        return unique;
    }

    private static List<ChatRecord> Observations(List<ChatRecord>? earlier, IEnumerable<ChatRecordsResponse> pages)
    {
        var all = earlier ?? [];
        foreach (var page in pages)
        {
            all.AddRange(page.List ?? []);
        }

        return all;
    }
}
