using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>The real client pages through a 1,000+ record window holding a same-second burst of more than a page.</summary>
public sealed class SimulatorPagingTests
{
    [Theory]
    [InlineData(TimestampField.CreatedAt)]
    [InlineData(TimestampField.UpdatedAt)]
    public async Task GetAllPagesAsync_WindowWithSameSecondBurst_ReturnsEveryRecordExactlyOnce(TimestampField filterOn)
    {
        await using var host = await SimulatorHost.StartAsync(o =>
        {
            o.FilterOn = filterOn;
            o.Seed = 99;
            o.BurstSize = 150;
        });
        await host.BacklogAsync(4_000, TimeSpan.FromMinutes(20));
        var changes = await host.ChangesAsync();
        var truth = GroundTruth.Replay(changes);
        var burst = changes.Where(c => c.Kind == "created").GroupBy(c => c.CreatedAt).Max(g => g.Count());
        Func<TruthRecord, string> key = filterOn == TimestampField.CreatedAt ? r => r.CreatedAt : r => r.UpdatedAt;
        var seconds = truth.Values.Select(key).Order(StringComparer.Ordinal).ToList();
        var query = new ChatRecordsQuery
        {
            PageSize = 100,
            Ascending = true,
            StartTime = NxlinkTime.Parse(seconds[0], SimulatorHost.Zone),
            EndTime = NxlinkTime.Parse(seconds[^1], SimulatorHost.Zone),
        };

        var pages = 0;
        var records = new List<ChatRecord>();
        await foreach (var page in host.Client.GetAllPagesAsync(host.Account(), query, CancellationToken.None))
        {
            pages++;
            records.AddRange(page.List!);
        }

        Assert.True(burst > 100, $"the backlog should hold a burst of more than a page, largest second has {burst}.");
        Assert.True(truth.Count >= 1_000, $"the window should hold 1,000+ records, has {truth.Count}.");
        Assert.Equal(truth.Count, records.Count);
        Assert.Equal(records.Count, records.Select(r => r.Id).Distinct().Count());
        Assert.Equal(changes.Where(c => c.Kind == "created").Select(c => c.RecordId).Order(), records.Select(r => r.Id!).Order());
        Assert.Equal(GroundTruth.InApiOrder(truth.Values, key).Select(r => r.Id), records.Select(r => r.Id!));
        Assert.Equal((truth.Count + 99) / 100, pages);
    }

    [Fact]
    public async Task GetAllPagesAsync_FilterOnUpdatedAtWindow_ReturnsRecordsLastChangedInsideItInclusive()
    {
        await using var host = await SimulatorHost.StartAsync(o =>
        {
            o.FilterOn = TimestampField.UpdatedAt;
            o.Seed = 31;
        });
        await host.BacklogAsync(3_000, TimeSpan.FromMinutes(15));
        var truth = GroundTruth.Replay(await host.ChangesAsync()).Values.ToList();
        var seconds = truth.Select(r => r.UpdatedAt).Distinct().Order(StringComparer.Ordinal).ToList();
        var (start, end) = (seconds[seconds.Count / 4], seconds[seconds.Count * 3 / 4]);

        var records = await host.AllRecordsAsync(new ChatRecordsQuery
        {
            Ascending = true,
            StartTime = NxlinkTime.Parse(start, SimulatorHost.Zone),
            EndTime = NxlinkTime.Parse(end, SimulatorHost.Zone),
        });

        var expected = GroundTruth.InApiOrder(
            truth.Where(r => string.CompareOrdinal(r.UpdatedAt, start) >= 0 && string.CompareOrdinal(r.UpdatedAt, end) <= 0),
            r => r.UpdatedAt);
        Assert.Equal(expected.Select(r => r.Id), records.Select(r => r.Id!));
        Assert.Contains(records, r => r.CreatedAt != r.UpdatedAt);
        Assert.Contains(records, r => string.CompareOrdinal(r.CreatedAt, start) < 0);
        Assert.Equal(start, records[0].UpdatedAt);
        Assert.Equal(end, records[^1].UpdatedAt);
    }

    [Fact]
    public async Task GetAllPagesAsync_Descending_ReturnsEveryRecordOnceNewestFirst()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Seed = 5);
        await host.BacklogAsync(2_500, TimeSpan.FromMinutes(10));
        var truth = GroundTruth.Replay(await host.ChangesAsync());

        var records = await host.AllRecordsAsync(new ChatRecordsQuery { PageSize = 100 });

        Assert.Equal(GroundTruth.InApiOrder(truth.Values, r => r.CreatedAt).Reverse().Select(r => r.Id), records.Select(r => r.Id!));
    }

    [Fact]
    public async Task GetPage_PastTheLastPage_ReturnsEmptyListWithTotal()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Mode = SimulatorMode.Fixtures);

        var page = await host.Client.GetPageAsync(host.Account(), new ChatRecordsQuery { PageNumber = 3, PageSize = 5 }, CancellationToken.None);

        Assert.Equal(5, page.Total);
        Assert.Empty(page.List!);
    }
}
