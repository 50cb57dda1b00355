using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Streamer.Tests.Detection;
using Streamer.Nxlink;
using Streamer.Worker;
using Streamer.Worker.Configuration;
using Streamer.Worker.Polling;

namespace Streamer.Tests.Polling;

public sealed class SliceReaderLimitTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddMinutes(1);

    // Pages of two, a budget of three pages, at most five pages for any slice (ten records).
    private readonly PollingOptions options = new() { PageSize = 2, MaxPagesPerSlice = 3, MaxPagesPerSecondSlice = 5, PageConcurrency = 4 };
    private readonly FakeTimeProvider time = new(Start.AddHours(1));
    private readonly TestMeterFactory meters = new();
    private readonly StreamerMetrics metrics;
    private readonly CounterRecorder counters;

    public SliceReaderLimitTests()
    {
        metrics = new StreamerMetrics(meters);
        counters = new CounterRecorder(meters);
    }

    public void Dispose()
    {
        counters.Dispose();
        meters.Dispose();
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public async Task ReadAsync_NegativeTotal_ReadsUntilAShortPageAndCountsIt(int total)
    {
        var records = Records(5, i => Start.AddSeconds(i));
        var handler = Lying(records, total);

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, End, End, CancellationToken.None);

        Assert.Equal(SliceOutcome.Complete, read.Outcome);
        Assert.False(read.TotalKnown);
        Assert.Equal(records.Select(r => r.Id).Reverse(), read.Records.Select(r => r.Id));
        Assert.Equal([1, 2, 3], handler.Requests.Select(r => r.Page));
        Assert.Equal(1, counters.Total("streamer.slices.total_ignored"));
    }

    [Fact]
    public async Task ReadAsync_HugeTotalOnALongSlice_NotCutButReadUntilAShortPage()
    {
        var records = Records(3, i => Start.AddSeconds(i));
        var handler = Lying(records, int.MaxValue);

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, End, End, CancellationToken.None);

        Assert.Equal(SliceOutcome.Complete, read.Outcome);
        Assert.Equal(3, read.Total);
        Assert.Equal(3, read.Records.Count);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(1, counters.Total("streamer.slices.total_ignored"));
    }

    [Fact]
    public async Task ReadAsync_HugeTotalOnASingleSecond_ReadsUntilAShortPageNotTotalPages()
    {
        var records = Records(7, _ => Start);
        var handler = Lying(records, int.MaxValue);

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, Start, Start, CancellationToken.None);

        Assert.Equal(SliceOutcome.Complete, read.Outcome);
        Assert.Equal(7, read.Records.Count);
        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(0, counters.Total("streamer.slices.capped"));
    }

    [Fact]
    public async Task ReadAsync_HugeTotalAndFullPagesOnALongSlice_TooBigAfterTheBudgetWithTheTotalUnknown()
    {
        var records = Records(40, i => Start.AddSeconds(i));
        var handler = Lying(records, int.MaxValue);

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, End, End, CancellationToken.None);

        Assert.Equal(SliceOutcome.TooBig, read.Outcome);
        Assert.False(read.TotalKnown);
        Assert.Equal(options.MaxPagesPerSlice, handler.Requests.Count);
        Assert.Equal(options.MaxPagesPerSlice * options.PageSize, read.Records.Count);
    }

    [Fact]
    public async Task ReadNextAsync_ApiAlwaysSaysAHugeTotal_WindowReadInFewSlicesNotSecondBySecond()
    {
        // 60 records, one a second; the API says 2^31-1 for every query.
        var records = Records(60, i => Start.AddSeconds(i - 1));
        var handler = Lying(records, int.MaxValue);
        var reader = Reader(handler);
        var last = Start.AddSeconds(59);
        var sizer = new SliceSizer(options, last - Start);
        var read = new List<ChatRecord>();
        var slices = 0;

        for (var start = Start; start <= last; slices++)
        {
            var slice = await reader.ReadNextAsync(TestApi.Account, start, last, sizer, live: false, CancellationToken.None);
            read.AddRange(slice.Records);
            start = slice.End.AddSeconds(1);
        }

        Assert.Equal(records.Select(r => r.Id).Order(StringComparer.Ordinal), read.Select(r => r.Id).Distinct().Order(StringComparer.Ordinal));
        Assert.InRange(slices, 2, 20);
    }

    [Fact]
    public async Task ReadAsync_SecondWithMoreRecordsThanTheCap_StopsAtTheCapAndCountsIt()
    {
        var records = Records(30, _ => Start);
        var handler = PageHandler.Serving(records);

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, Start, Start, CancellationToken.None);

        Assert.Equal(SliceOutcome.Complete, read.Outcome);
        Assert.Equal(options.MaxPagesPerSecondSlice, handler.Requests.Count);
        Assert.Equal(options.MaxPagesPerSecondSlice * options.PageSize, read.Records.Count);
        Assert.Equal(1, counters.Total("streamer.slices.capped"));
    }

    [Fact]
    public async Task ReadAsync_ApiAlwaysPromisesOneMorePageOnASecond_StopsAtTheCapAndCountsIt()
    {
        // Every page is full and its total, believable, always one page further.
        var handler = OneMorePageEachTime();

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, Start, Start, CancellationToken.None);

        Assert.Equal(SliceOutcome.Complete, read.Outcome);
        Assert.Equal([1, 2, 3, 4, 5], handler.Requests.Select(r => r.Page));
        Assert.Equal(1, counters.Total("streamer.slices.capped"));
        Assert.Equal(0, counters.Total("streamer.slices.total_ignored"));
    }

    [Fact]
    public async Task ReadAsync_ApiAlwaysPromisesOneMorePageOnALongSlice_TooBigAtTheCapNotSilentlyCut()
    {
        var handler = OneMorePageEachTime();

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, End, End, CancellationToken.None);

        Assert.Equal(SliceOutcome.TooBig, read.Outcome);
        Assert.Equal(options.MaxPagesPerSecondSlice, handler.Requests.Count);
        Assert.Equal(0, counters.Total("streamer.slices.capped"));
    }

    [Fact]
    public async Task ReadAsync_OneRecordOverMaxPageBytes_ItsPageReadSmallerAndOnlyThatRecordUnreadable()
    {
        // Five small records and one of 4,000 characters; pages over 2,048 bytes are refused.
        var records = Records(5, i => Start.AddSeconds(i));
        records.Insert(2, TestApi.Record("big", Start.AddSeconds(10)).With(r => r.Content = new string('x', 4_000)));
        var handler = PageHandler.Serving(records);
        var client = new NxlinkClient(new HttpClient(handler), time, maxPageBytes: 2_048);
        var reader = new SliceReader(client, ApiPipeline.Build(TestApi.Account, options, time, metrics, NullLogger.Instance), options, metrics, NullLogger.Instance);

        var read = await reader.ReadAsync(TestApi.Account, Start, End, End, CancellationToken.None);

        Assert.Equal(records.Where(r => r.Id != "big").Select(r => r.Id).Order(StringComparer.Ordinal), read.Records.Where(r => r.Id is not null).Select(r => r.Id).Order(StringComparer.Ordinal));
        var unread = Assert.Single(read.Records, r => r.Unreadable is not null);
        Assert.Null(unread.Id);
        Assert.Contains("MaxPageBytes", unread.Unreadable, StringComparison.Ordinal);

        // The refused page and its one-record pages: the big one refused again, its neighbour read.
        Assert.Equal(2, handler.Requests.Count(r => r.Size == 1));
        Assert.Equal(2, counters.Total("streamer.api.requests", "page_too_large"));
    }

    private static List<ChatRecord> Records(int count, Func<int, DateTimeOffset> createdAt) =>
        [.. Enumerable.Range(1, count).Select(i => TestApi.Record($"r{i:00}", createdAt(i)))];

    // Serves the records honestly but with the given total on every page.
    private static PageHandler Lying(List<ChatRecord> records, int total) =>
        new(request => PageHandler.Answer(records, request) is var page ? PageHandler.Page(request, total, page.List!) : null!);

    private static PageHandler OneMorePageEachTime()
    {
        var full = Records(2, _ => Start);
        return new PageHandler(request => PageHandler.Page(request, (request.Page + 1) * 2, full));
    }

    private SliceReader Reader(PageHandler handler) => TestApi.Reader(handler, options, time, metrics);
}
