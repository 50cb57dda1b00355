using Polly;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Telemetry;

namespace Streamer.Worker.Polling;

/// <summary>
/// Reads every record of a time slice, newest first, page by page, in one pass whatever moves meanwhile.
/// Records move while a slice is paged: under an <c>updated_at</c> filter a record updated meanwhile jumps to
/// the newest end, and under a <c>created_at</c> one a late record enters. Newest first, a record that jumps
/// to the front or enters only pushes the unread records back, where they are still read (a record may be
/// read twice, never skipped), as long as the moved record stays in the slice: the last slice of a live
/// window therefore asks <c>Polling:ReadAhead</c> past its end. A record that leaves a slice (an update
/// carries it past a fixed end) pulls the unread ones forward onto pages already read; <c>total</c> then falls
/// between two pages, and the pages before are read again, as many as records left per page. Every record
/// read is a true observation of its state at that moment and is kept, as often as it was read.
/// Whatever <c>total</c> says, no slice reads more than <c>Polling:MaxPagesPerSecondSlice</c> pages onward (and
/// as many again read back), and a <c>total</c> that cannot be true (negative, or more than that many pages) is
/// not believed.
/// </summary>
internal sealed class SliceReader(
    NxlinkClient client, ResiliencePipeline pipeline, PollingOptions options, StreamerMetrics metrics, ILogger logger)
{
    /// <summary>
    /// Reads the next slice of a window from <paramref name="start"/>, at most up to <paramref name="last"/>,
    /// as wide as <paramref name="sizer"/> allows: a slice it cuts is read again smaller. A <paramref name="live"/>
    /// window (one that ends near now) reads ahead of <paramref name="last"/> in the slice that reaches it, and
    /// keeps what the first page of a cut read showed (true observations, of records a later slice reads
    /// again); a closed window, for a backfill, keeps neither.
    /// </summary>
    public async Task<Slice> ReadNextAsync(
        NxlinkAccount account, DateTimeOffset start, DateTimeOffset last, SliceSizer sizer, bool live, CancellationToken cancellationToken)
    {
        using var activity = StreamerActivities.StartSlice(account.Name, start, last);
        List<ChatRecord>? earlier = null;
        var requests = 0;
        while (true)
        {
            var end = sizer.EndOf(start, last);
            var queryEnd = live && end == last ? end + options.ReadAhead : end;
            var read = await ReadAsync(account, start, end, queryEnd, cancellationToken).ConfigureAwait(false);
            requests += read.Requests;
            if (!sizer.Accept(read, start, end))
            {
                if (live)
                {
                    (earlier ??= []).AddRange(read.Records);
                }

                continue;
            }

            if (earlier is not null)
            {
                earlier.AddRange(read.Records);
                return new Slice(start, end, earlier, requests);
            }

            return new Slice(start, end, read.Records, requests);
        }
    }

    /// <summary>
    /// Reads the slice <c>[start, end]</c>, asking the API for <c>[start, queryEnd]</c>; a slice of more than
    /// one second over the page budget comes back as too big after its first page.
    /// </summary>
    public async Task<SliceRead> ReadAsync(
        NxlinkAccount account, DateTimeOffset start, DateTimeOffset end, DateTimeOffset queryEnd, CancellationToken cancellationToken)
    {
        var size = options.PageSize;
        var query = new ChatRecordsQuery { StartTime = start, EndTime = queryEnd, Ascending = false, PageSize = size, PageNumber = 1 };
        var first = await FetchAsync(account, query, cancellationToken).ConfigureAwait(false);
        if (first.Total is null or < 0 || first.Total > (long)options.MaxPagesPerSecondSlice * size)
        {
            return await ReadUnknownAsync(account, query, first, start, end, cancellationToken).ConfigureAwait(false);
        }

        var total = (int)Total(first);

        // A single second cannot be cut: it is read whole, up to the hard cap of pages.
        if (end > start && total > (long)options.MaxPagesPerSlice * size)
        {
            return new SliceRead(SliceOutcome.TooBig, total, first.List ?? [], 1);
        }

        var records = new List<ChatRecord>(first.List ?? []);
        var (requests, readBack) = (1, 0L);

        // While an open end lets records jump to the front, pages are read one after the other: a page
        // computed before the one ahead of it could miss a record pushed across their boundary.
        var concurrency = queryEnd > end ? 1 : options.PageConcurrency;
        var limit = Math.Min(Pages(total) + options.MaxPagesPerSlice, options.MaxPagesPerSecondSlice);
        var (previous, latest, number) = (first, (long)total, 2);
        while (IsFull(previous) && (number - 1L) * size < latest && number <= limit)
        {
            var count = (int)Math.Min(Math.Min(concurrency, Pages(latest) - (number - 1)), limit - number + 1);
            var pages = await FetchAsync(account, query, number, count, cancellationToken).ConfigureAwait(false);
            requests += count;
            if (count > 1 && pages.Any(page => page.Total != previous.Total))
            {
                // Records left while pages were computed in no known order, so where they crossed cannot be
                // told: what was read is kept, the pages before are read again for as many as left, and the
                // slice goes on one page at a time. Totals that rose (records came, or the API lies) count as none left.
                records.AddRange(pages.SelectMany(page => page.List ?? []));
                var left = Math.Max(0, Total(previous) - pages.Min(Total));
                var again = await ReadAgainAsync(account, query, number, left + 1, limit - readBack, cancellationToken).ConfigureAwait(false);
                (requests, readBack) = (requests + again.Length, readBack + again.Length);
                records.AddRange(again.SelectMany(page => page.List ?? []));
                previous = again.Length > 0 ? again[^1] : previous;
                metrics.Drift(account.Name);
                Log.SliceDrift(logger, account.Name, start, end, left, again.Length);
                concurrency = 1;
                continue;
            }

            for (var i = 0; i < count; i++)
            {
                var page = pages[i];
                // A page that says nothing of the total (one read as smaller pages) keeps the previous one.
                var pageTotal = page.Total is null ? Total(previous) : Total(page);
                var lost = Total(previous) - pageTotal;
                if (lost > 0)
                {
                    // Records left the slice between the two pages: as many unread ones moved onto pages read.
                    var again = await ReadAgainAsync(account, query, number + i, lost, limit - readBack, cancellationToken).ConfigureAwait(false);
                    (requests, readBack) = (requests + again.Length, readBack + again.Length);
                    records.AddRange(again.SelectMany(p => p.List ?? []));
                    metrics.Drift(account.Name);
                    Log.SliceDrift(logger, account.Name, start, end, lost, again.Length);
                }

                records.AddRange(page.List ?? []);
                (previous, latest) = (page, pageTotal);
                if (!IsFull(page))
                {
                    break;
                }
            }

            number += count;
        }

        if (IsFull(previous) && (number - 1L) * size < latest && number > limit)
        {
            // Pages were still full at the cap (records kept entering, or the API keeps serving full pages).
            if (end > start)
            {
                return new SliceRead(SliceOutcome.TooBig, (int)Math.Min(latest, int.MaxValue), records, requests);
            }

            Capped(account, start, limit);
        }

        return new SliceRead(SliceOutcome.Complete, total, records, requests);
    }

    // The API's total cannot be true: pages are read one after the other until a short one, within the page
    // budget (a longer slice is then cut in half) or, for a single second, the hard cap. Without a total that
    // can be trusted, records that leave while pages are read cannot be noticed.
    private async Task<SliceRead> ReadUnknownAsync(
        NxlinkAccount account, ChatRecordsQuery query, ChatRecordsResponse first, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var limit = end > start ? Math.Min(options.MaxPagesPerSlice, options.MaxPagesPerSecondSlice) : options.MaxPagesPerSecondSlice;
        metrics.TotalIgnored(account.Name);
        Log.TotalNotBelieved(logger, account.Name, first.Total ?? 0, start, end, options.MaxPagesPerSecondSlice);
        var records = new List<ChatRecord>(first.List ?? []);
        var (previous, number) = (first, 2);
        for (; IsFull(previous) && number <= limit; number++)
        {
            previous = await FetchAsync(account, query with { PageNumber = number }, cancellationToken).ConfigureAwait(false);
            records.AddRange(previous.List ?? []);
        }

        if (IsFull(previous) && end > start)
        {
            return new SliceRead(SliceOutcome.TooBig, records.Count, records, number - 1, TotalKnown: false);
        }

        if (IsFull(previous))
        {
            Capped(account, start, limit);
        }

        return new SliceRead(SliceOutcome.Complete, records.Count, records, number - 1, TotalKnown: false);
    }

    private void Capped(NxlinkAccount account, DateTimeOffset second, long pages)
    {
        metrics.SecondCapped(account.Name);
        Log.SecondCapped(logger, account.Name, second, pages);
    }

    private static long Total(ChatRecordsResponse page) => Math.Max(0, page.Total ?? 0);

    private bool IsFull(ChatRecordsResponse page) => (page.List?.Count ?? 0) >= options.PageSize;

    // The pages just before page `before` that hold the last `lost` places, one after the other and ending
    // with the page right before, so it is read last, nearest the next page; at most `budget` of them, so totals
    // that swing on every page cannot make a slice read its pages over and over (re-scans catch what is missed).
    private async Task<ChatRecordsResponse[]> ReadAgainAsync(NxlinkAccount account, ChatRecordsQuery query, int before, long lost, long budget, CancellationToken cancellationToken)
    {
        var back = (int)Math.Max(0, Math.Min(Math.Min(Pages(lost), before - 1), budget));
        var pages = new ChatRecordsResponse[back];
        for (var i = 0; i < back; i++)
        {
            pages[i] = await FetchAsync(account, query with { PageNumber = before - back + i }, cancellationToken).ConfigureAwait(false);
        }

        return pages;
    }

    private long Pages(long records) => (records + options.PageSize - 1) / options.PageSize;

    // Pages first..first+count-1 at once; returned in page order.
    private async Task<ChatRecordsResponse[]> FetchAsync(NxlinkAccount account, ChatRecordsQuery query, int first, int count, CancellationToken cancellationToken)
    {
        if (count == 1)
        {
            return [await FetchAsync(account, query with { PageNumber = first }, cancellationToken).ConfigureAwait(false)];
        }

        var pages = new ChatRecordsResponse[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(first, count),
            new ParallelOptions { MaxDegreeOfParallelism = count, CancellationToken = cancellationToken },
            async (page, ct) => pages[page - first] = await FetchAsync(account, query with { PageNumber = page }, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return pages;
    }

    private async Task<ChatRecordsResponse> FetchAsync(NxlinkAccount account, ChatRecordsQuery query, CancellationToken cancellationToken)
    {
        using var activity = StreamerActivities.StartPage(account.Name, query.PageNumber);
        try
        {
            var page = await pipeline.ExecuteAsync(
                static async (state, ct) => await state.client.GetPageAsync(state.account, state.query, ct).ConfigureAwait(false),
                (client, account, query),
                cancellationToken).ConfigureAwait(false);
            metrics.Fetched(account.Name, page.List?.Count ?? 0);
            return page;
        }
        catch (NxlinkPageTooLargeException error)
        {
            return await OversizePages.ReadAsync(query, error, (smaller, ct) => FetchAsync(account, smaller, ct), cancellationToken).ConfigureAwait(false);
        }
    }
}
