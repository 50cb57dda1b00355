using Microsoft.Extensions.Time.Testing;
using Streamer.Nxlink;
using Streamer.Worker;
using Streamer.Worker.Configuration;
using Streamer.Worker.Polling;

namespace Streamer.Tests.Polling;

public sealed class SliceReaderTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddMinutes(1);

    // Pages of two, a budget of three pages (six records).
    private readonly PollingOptions options = new() { PageSize = 2, MaxPagesPerSlice = 3, PageConcurrency = 1 };
    private readonly FakeTimeProvider time = new(Start.AddHours(1));
    private readonly TestMeterFactory meters = new();

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task ReadAsync_CleanRead_ReturnsEveryRecordOnceNewestFirst()
    {
        var records = Enumerable.Range(1, 5).Select(i => TestApi.Record($"r{i}", Start.AddSeconds(i))).ToList();
        var handler = PageHandler.Serving(records);

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, End, End, CancellationToken.None);

        Assert.Equal(SliceOutcome.Complete, read.Outcome);
        Assert.Equal(5, read.Total);
        Assert.Equal(["r5", "r4", "r3", "r2", "r1"], read.Records.Select(r => r.Id));
        Assert.Equal([1, 2, 3], handler.Requests.Select(r => r.Page));
        Assert.All(handler.Requests, r => Assert.False(r.Ascending));
        Assert.Equal(3, read.Requests);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task ReadAsync_RecordLeavesFixedEndBeforeEveryPage_ReadsThePageBeforeAgainAndMissesNone(int concurrency)
    {
        // 50 records updated one a second, pages of 5: 10 pages. Before every page after the first, a record
        // already served is updated past the slice's end, which pulls every record behind it one place forward.
        var moving = Moving(records: 50, leaveAfter: End);
        var reader = TestApi.Reader(new PageHandler(moving.Answer), MovingOptions(concurrency), time, new StreamerMetrics(meters));

        var read = await reader.ReadAsync(TestApi.Account, Start, End, End, CancellationToken.None);

        Assert.NotEmpty(moving.Moved);
        Assert.Equal(Ids(50), read.Records.Select(r => r.Id!).Distinct().Order(StringComparer.Ordinal));

        // Ten pages and, per record that left, at most one page read again.
        Assert.InRange(read.Requests, 11, 10 + moving.Moved.Count);
    }

    [Fact]
    public async Task ReadAsync_OpenEndRecordJumpsToTheFrontBeforeEveryPage_EveryRecordReadInOnePass()
    {
        // The same traffic under a query that reads ahead: updated records jump to page 1, already read.
        var moving = Moving(records: 50, leaveAfter: End);
        var reader = TestApi.Reader(new PageHandler(moving.Answer), MovingOptions(1), time, new StreamerMetrics(meters));

        var read = await reader.ReadAsync(TestApi.Account, Start, End, End.AddHours(1), CancellationToken.None);

        Assert.Equal(9, moving.Moved.Count);
        Assert.Equal(Ids(50), read.Records.Select(r => r.Id!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(10, read.Requests);
    }

    [Fact]
    public async Task ReadAsync_RecordLeavesBetweenPages_EveryObservationKeptInReadOrder()
    {
        // r4..r1 newest first, pages of two; r4 (read on page 1) leaves before page 2, so r2 moves onto page 1.
        var moving = new MovingRecordsApi(
            Enumerable.Range(1, 4).Select(i => TestApi.Record($"r{i}", Start, updatedAt: Start.AddSeconds(i))),
            End,
            (matching, _) => matching.FirstOrDefault(r => r.Id == "r4"));

        var read = await Reader(new PageHandler(moving.Answer)).ReadAsync(TestApi.Account, Start, End, End, CancellationToken.None);

        // Page 1 (r4 r3), page 1 again (r3 r2), page 2 (r1).
        Assert.Equal(["r4", "r3", "r3", "r2", "r1"], read.Records.Select(r => r.Id));
        Assert.Equal(3, read.Requests);
    }

    [Fact]
    public async Task ReadAsync_OverBudget_TooBigWithoutReadingFurtherPages()
    {
        var records = Enumerable.Range(1, 10).Select(i => TestApi.Record($"r{i:00}", Start.AddSeconds(i))).ToList();
        var handler = PageHandler.Serving(records);

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, End, End, CancellationToken.None);

        Assert.Equal(SliceOutcome.TooBig, read.Outcome);
        Assert.Equal(10, read.Total);
        Assert.Equal(["r10", "r09"], read.Records.Select(r => r.Id));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task ReadAsync_OverBudgetSingleSecond_ReadsItWhole()
    {
        var records = Enumerable.Range(1, 10).Select(i => TestApi.Record($"r{i:00}", Start)).ToList();
        var handler = PageHandler.Serving(records);

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, Start, Start, CancellationToken.None);

        Assert.Equal(SliceOutcome.Complete, read.Outcome);
        Assert.Equal(10, read.Records.Count);
        Assert.Equal(5, handler.Requests.Count);
    }

    [Fact]
    public async Task ReadAsync_TotalPromisesMoreThanThePagesHold_StopsAtTheFirstShortPage()
    {
        var handler = new PageHandler(request => PageHandler.Page(request, 6, request.Page == 1 ? [Record("a"), Record("b")] : [Record("c")]));

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, End, End, CancellationToken.None);

        Assert.Equal(["a", "b", "c"], read.Records.Select(r => r.Id));
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task ReadAsync_TotalsRiseOnPagesReadAtOnce_ReadsEveryRecordAndGoesOn()
    {
        // Page 1 says 6 records; the pages read beside each other then say 600 (records came, or the API lies).
        var served = new[] { "a", "b", "c", "d", "e", "f" };
        var handler = new PageHandler(request => PageHandler.Page(
            request,
            request.Page == 1 ? 6 : 600,
            served.Skip((request.Page - 1) * request.Size).Take(request.Size).Select(Record)));
        var reader = TestApi.Reader(handler, new PollingOptions { PageSize = 2, MaxPagesPerSlice = 3, PageConcurrency = 4 }, time, new StreamerMetrics(meters));

        var read = await reader.ReadAsync(TestApi.Account, Start, End, End, CancellationToken.None);

        Assert.Equal(served, read.Records.Select(r => r.Id).Distinct());
        Assert.Equal(SliceOutcome.Complete, read.Outcome);
    }

    [Fact]
    public async Task ReadAsync_TotalsSwingOnEveryPage_ReadsBackNoMorePagesThanTheCap()
    {
        // A second of full pages whose total says 60 and 40 in turn: each fall looks like 20 records leaving, so
        // up to ten pages before are read again each time (95 requests for the 20 pages, uncapped).
        var handler = new PageHandler(request => PageHandler.Page(
            request,
            request.Page % 2 == 1 ? 60 : 40,
            [Record($"p{request.Page}a"), Record($"p{request.Page}b")]));
        var capped = new PollingOptions { PageSize = 2, MaxPagesPerSlice = 3, MaxPagesPerSecondSlice = 30, PageConcurrency = 1 };

        var read = await TestApi.Reader(handler, capped, time, new StreamerMetrics(meters)).ReadAsync(TestApi.Account, Start, Start, Start, CancellationToken.None);

        Assert.Equal(20, handler.Requests.Max(r => r.Page));
        Assert.InRange(handler.Requests.Count, 21, 2 * capped.MaxPagesPerSecondSlice);
        Assert.Equal(handler.Requests.Count, read.Requests);
    }

    [Fact]
    public async Task ReadNextAsync_LiveWindow_OnlyTheLastSliceReadsAhead()
    {
        // Eight records over 8 s: the first read is too big and the window is read in two slices.
        var records = Enumerable.Range(0, 8).Select(i => TestApi.Record($"r{i}", Start.AddSeconds(i))).ToList();
        var handler = PageHandler.Serving(records);
        var reader = Reader(handler);
        var last = Start.AddSeconds(7);
        var sizer = new SliceSizer(options, last - Start);

        var first = await reader.ReadNextAsync(TestApi.Account, Start, last, sizer, live: true, CancellationToken.None);
        var second = await reader.ReadNextAsync(TestApi.Account, first.End.AddSeconds(1), last, sizer, live: true, CancellationToken.None);

        Assert.True(first.End < last);
        Assert.Equal(last, second.End);
        Assert.Equal(records.Select(r => r.Id), first.Records.Concat(second.Records).Select(r => r.Id).Distinct().Order(StringComparer.Ordinal));
        var ends = handler.Requests.Select(r => r.End).Distinct().ToList();
        Assert.Contains(TestApi.Text(first.End), ends);
        Assert.Contains(TestApi.Text(last + options.ReadAhead), ends);
        Assert.DoesNotContain(TestApi.Text(last), ends);
        Assert.Equal(handler.Requests.Count, first.Requests + second.Requests);
    }

    private static ChatRecord Record(string id) => TestApi.Record(id, Start.AddSeconds(1));

    private static List<string> Ids(int count) => [.. Enumerable.Range(1, count).Select(i => $"r{i:00}").Order(StringComparer.Ordinal)];

    private static PollingOptions MovingOptions(int concurrency) => new() { PageSize = 5, MaxPagesPerSlice = 20, PageConcurrency = concurrency };

    // Records r01..rNN updated at Start+1s..; before each page a record already served is updated.
    private static MovingRecordsApi Moving(int records, DateTimeOffset leaveAfter)
    {
        var random = new Random(7);
        return new MovingRecordsApi(
            Enumerable.Range(1, records).Select(i => TestApi.Record($"r{i:00}", Start, updatedAt: Start.AddSeconds(i))),
            leaveAfter,
            (matching, served) =>
            {
                var read = matching.Where(r => served.Contains(r.Id!)).ToList();
                return read.Count == 0 ? null : read[random.Next(read.Count)];
            });
    }

    private SliceReader Reader(PageHandler handler) => TestApi.Reader(handler, options, time, new StreamerMetrics(meters));
}
