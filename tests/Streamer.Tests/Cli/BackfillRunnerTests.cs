using Microsoft.Extensions.Time.Testing;
using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Tests.Detection;
using Streamer.Tests.Polling;
using Streamer.Worker;
using Streamer.Worker.Cli;
using Streamer.Worker.Configuration;

namespace Streamer.Tests.Cli;

public sealed class BackfillRunnerTests : IDisposable
{
    private static readonly DateTimeOffset From = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddSeconds(59);

    // A budget of four records per slice.
    private readonly PollingOptions options = new() { PageSize = 2, MaxPagesPerSlice = 2, PageConcurrency = 1 };
    private readonly FakeTimeProvider time = new(From.AddDays(1));
    private readonly TestMeterFactory meters = new();
    private readonly FakePublisher publisher = new();
    private readonly List<(long Records, long Events, DateTimeOffset UpTo)> reports = [];

    // Eight records, one of them read: its creation comes with two inferred steps (delivered, read).
    private readonly IReadOnlyList<ChatRecord> records =
    [
        .. new[] { 5, 10, 15, 20, 35, 45, 50 }.Select(s => TestApi.Record($"r{s:00}", From.AddSeconds(s))),
        TestApi.Record("r40", From.AddSeconds(40), status: "read"),
    ];

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task RunAsync_Window_PublishesEverySliceOnceAndReportsProgress()
    {
        var result = await Runner(PageHandler.Serving(records)).RunAsync(TestApi.Account, From, To, Report, CancellationToken.None);

        var created = publisher.Calls.SelectMany(c => c.Events).OfType<ChatMessageCreated>().Select(e => e.RecordId).ToList();
        Assert.Equal(records.Select(r => r.Id).Order(StringComparer.Ordinal), created.Order(StringComparer.Ordinal));
        Assert.Equal(2, publisher.Calls.SelectMany(c => c.Events).OfType<ChatMessageStatusChanged>().Count(e => e is { RecordId: "r40", Inferred: true }));
        Assert.Equal(new BackfillResult(8, 8, 2, 0, To), result);

        // One report per slice published, the last one for the whole window.
        Assert.Equal(publisher.Calls.Count, reports.Count);
        Assert.Equal((8L, 10L, To), reports[^1]);
        Assert.Equal(reports.Select(r => r.UpTo).Order(), reports.Select(r => r.UpTo));
        Assert.Equal(reports.Count, reports.Select(r => r.UpTo).Distinct().Count());
    }

    [Fact]
    public async Task RunAsync_SliceOverBudget_CutSmallerAndReadAgain()
    {
        var handler = PageHandler.Serving(records);

        await Runner(handler).RunAsync(TestApi.Account, From, To, Report, CancellationToken.None);

        // The whole window holds eight records: only its first page is read, then a narrower slice from the same start.
        var (first, second) = (handler.Requests[0], handler.Requests[1]);
        Assert.Equal((TestApi.Text(From), TestApi.Text(To), 8), (first.Start, first.End, first.Total));
        Assert.Equal(1, second.Page);
        Assert.Equal(TestApi.Text(From), second.Start);
        Assert.True(string.CompareOrdinal(second.End, TestApi.Text(To)) < 0);
        Assert.DoesNotContain(handler.Requests, r => r.Read == first.Read && r.Page > 1);
    }

    [Fact]
    public async Task RunAsync_RecordThatThrowsWhileMapped_CountedUnreadableAndTheRestPublished()
    {
        var broken = TestApi.Record("r30", From.AddSeconds(30)).With(r => r.Template = new ChatRecordTemplate { Name = "t", Components = [null!] });

        var result = await Runner(PageHandler.Serving([.. records, broken])).RunAsync(TestApi.Account, From, To, Report, CancellationToken.None);

        Assert.Equal(new BackfillResult(9, 8, 2, 1, To), result);
        Assert.DoesNotContain(publisher.Calls.SelectMany(c => c.Events), e => e.RecordId == "r30");
    }

    private void Report(long records, long events, DateTimeOffset upTo) => reports.Add((records, events, upTo));

    private BackfillRunner Runner(PageHandler handler) => new(TestApi.Reader(handler, options, time, new StreamerMetrics(meters)), publisher, options);
}
