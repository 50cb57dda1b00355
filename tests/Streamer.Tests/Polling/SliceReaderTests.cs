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

    // Pages of two, a budget of three pages (six records); pages fetched one at a time so scripts see them in order.
    private readonly PollingOptions options = new() { PageSize = 2, MaxPagesPerSlice = 3, DriftRetries = 2, PageConcurrency = 1 };
    private readonly FakeTimeProvider time = new(Start.AddHours(1));
    private readonly TestMeterFactory meters = new();

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task ReadAsync_CleanRead_ReturnsEveryRecordOnce()
    {
        var records = Enumerable.Range(1, 5).Select(i => TestApi.Record($"r{i}", Start.AddSeconds(i))).ToList();
        var handler = PageHandler.Serving(records);

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, End, CancellationToken.None);

        Assert.Equal(SliceOutcome.Complete, read.Outcome);
        Assert.Equal(5, read.Total);
        Assert.Equal(records.Select(r => r.Id), read.Records.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal([1, 2, 3], handler.Requests.Select(r => r.Page));
    }

    [Fact]
    public async Task ReadAsync_DriftedRead_IsReadAgain()
    {
        // The first read meets b on both pages (records moved forward between them); the second is clean.
        var (a, b, c, d) = (Record("a"), Record("b"), Record("c"), Record("d"));
        var handler = new PageHandler(request => (request.Read, request.Page) switch
        {
            (1, 1) => PageHandler.Page(request, 4, [a, b]),
            (1, _) => PageHandler.Page(request, 4, [b, c]),
            (_, 1) => PageHandler.Page(request, 4, [a, b]),
            _ => PageHandler.Page(request, 4, [c, d]),
        });

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, End, CancellationToken.None);

        // The drifted read's observations come first: each was a true state of its record.
        Assert.Equal(SliceOutcome.Complete, read.Outcome);
        Assert.Equal(["a", "b", "b", "c", "a", "b", "c", "d"], read.Records.Select(r => r.Id));
        Assert.Equal(2, handler.Requests.Max(r => r.Read));
    }

    [Fact]
    public async Task ReadAsync_KeepsDrifting_ReturnsDriftedWithEveryRecordAsOftenAsItWasRead()
    {
        // Every read sees one record twice. a was updated later in the first read, d in the last one.
        var handler = new PageHandler(request => (request.Read, request.Page) switch
        {
            (1, 1) => PageHandler.Page(request, 4, [Record("a", updatedAt: 5), Record("b")]),
            (1, _) => PageHandler.Page(request, 4, [Record("b"), Record("d", updatedAt: 0)]),
            (2, 1) => PageHandler.Page(request, 4, [Record("a", updatedAt: 1), Record("c")]),
            (2, _) => PageHandler.Page(request, 4, [Record("c"), Record("d", updatedAt: 3)]),
            (_, 1) => PageHandler.Page(request, 4, [Record("a", updatedAt: 2), Record("e")]),
            _ => PageHandler.Page(request, 4, [Record("e"), Record("d", updatedAt: 9)]),
        });

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, End, CancellationToken.None);

        Assert.Equal(SliceOutcome.Drifted, read.Outcome);
        Assert.Equal(options.DriftRetries + 1, handler.Requests.Max(r => r.Read));
        Assert.Equal(4, read.Total);
        // Every observation, in read order: each is a state its record had.
        Assert.Equal(["a", "b", "b", "d", "a", "c", "c", "d", "a", "e", "e", "d"], read.Records.Select(r => r.Id));
        Assert.Equal(
            [TestApi.Text(Start.AddMinutes(5)), TestApi.Text(Start.AddMinutes(1)), TestApi.Text(Start.AddMinutes(2))],
            read.Records.Where(r => r.Id == "a").Select(r => r.UpdatedAt));
    }

    [Fact]
    public async Task ReadAsync_OverBudget_TooBigWithoutReadingFurtherPages()
    {
        var records = Enumerable.Range(1, 10).Select(i => TestApi.Record($"r{i:00}", Start.AddSeconds(i))).ToList();
        var handler = PageHandler.Serving(records);

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, End, CancellationToken.None);

        Assert.Equal(SliceOutcome.TooBig, read.Outcome);
        Assert.Equal(10, read.Total);
        Assert.Equal(["r01", "r02"], read.Records.Select(r => r.Id));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task ReadAsync_OverBudgetSingleSecond_ReadsItWhole()
    {
        var records = Enumerable.Range(1, 10).Select(i => TestApi.Record($"r{i:00}", Start)).ToList();
        var handler = PageHandler.Serving(records);

        var read = await Reader(handler).ReadAsync(TestApi.Account, Start, Start, CancellationToken.None);

        Assert.Equal(SliceOutcome.Complete, read.Outcome);
        Assert.Equal(10, read.Records.Count);
        Assert.Equal(5, handler.Requests.Count);
    }

    [Fact]
    public async Task ReadNextAsync_DriftingSlice_CutSmallerUntilItReadsClean()
    {
        // Any slice wider than a second drifts (its total never matches what its pages hold).
        var records = Enumerable.Range(0, 4).Select(i => TestApi.Record($"r{i}", Start.AddSeconds(i))).ToList();
        var handler = new PageHandler(request =>
        {
            var page = PageHandler.Answer(records, request);
            return request.Start == request.End ? page : PageHandler.Page(request, page.Total!.Value + 1, page.List!);
        });
        var sizer = new SliceSizer(options, TimeSpan.FromSeconds(3));

        var slice = await Reader(handler).ReadNextAsync(TestApi.Account, Start, Start.AddSeconds(3), sizer, CancellationToken.None);

        Assert.Equal(Start, slice.Start);
        Assert.Equal(Start, slice.End);

        // What the drifting wider reads showed comes first, then the clean read of the single second.
        Assert.Equal("r0", slice.Records[^1].Id);
        Assert.Single(slice.Records, r => r.Id == "r0" && ReferenceEquals(r, slice.Records[^1]));
        Assert.Contains(slice.Records.SkipLast(1), r => r.Id == "r1");
        Assert.Equal([TestApi.Text(Start.AddSeconds(3)), TestApi.Text(Start.AddSeconds(1)), TestApi.Text(Start)], handler.Requests.Select(r => r.End).Distinct());
    }

    private static ChatRecord Record(string id, int updatedAt = 0) => TestApi.Record(id, Start.AddSeconds(1), updatedAt: Start.AddMinutes(updatedAt));

    private SliceReader Reader(PageHandler handler) => TestApi.Reader(handler, options, time, new StreamerMetrics(meters));
}
