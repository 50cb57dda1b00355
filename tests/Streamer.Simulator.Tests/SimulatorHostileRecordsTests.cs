using System.Net;
using Microsoft.Extensions.Time.Testing;
using Streamer.Simulator.Control;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary><c>POST /_sim/hostile</c>'s record cases: what is served and what the ground truth says of it.</summary>
public sealed class SimulatorHostileRecordsTests
{
    private static readonly DateTimeOffset Start = new(2025, 10, 16, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Hostile_ZeroDate_ServedWithYearOneDatesAndRejectedWithItsMarker()
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(Start));

        var result = await host.HostileAsync(HostileCases.ZeroDate, count: 3);
        var served = await host.ServedAsync();
        var changes = await host.ChangesAsync();

        Assert.Equal(3, result.Rejected.Count);
        Assert.Empty(result.Ids);
        Assert.Equal(result.Rejected.Order(), served.Select(r => r.Content!).Order());
        Assert.All(served, r => Assert.Equal(("0001-01-01 00:00:00", "0001-01-01 00:00:00"), (r.CreatedAt, r.UpdatedAt)));
        Assert.Equal(result.Rejected, changes.Select(c => c.RecordId));
        Assert.All(changes, c => Assert.Equal(SimChangeKinds.Rejected, c.Kind));
    }

    [Fact]
    public async Task Hostile_Unreadable_ServedWithAMalformedUpdatedAtAndRejectedWithItsMarker()
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(Start));

        var result = await host.HostileAsync(HostileCases.Unreadable);
        var record = Assert.Single(await host.ServedAsync());
        var change = Assert.Single(await host.ChangesAsync());

        Assert.Equal(Assert.Single(result.Rejected), record.Content);
        Assert.Null(NxlinkTime.Parse(record.UpdatedAt, SimulatorHost.Zone));
        Assert.NotNull(NxlinkTime.Parse(record.CreatedAt, SimulatorHost.Zone));
        Assert.Equal((SimChangeKinds.Rejected, record.Content), (change.Kind, change.RecordId));
    }

    [Theory]
    [InlineData(HostileCases.Date1970, "1970-01-01 00:00:00")]
    [InlineData(HostileCases.Date2099, "2099-12-31 23:59:59")]
    public async Task Hostile_AbsurdCreatedAt_ServedInTodaysWindowAsCreatedAndListedAsAbsurd(string hostileCase, string createdAt)
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(Start));
        var now = NxlinkTime.ToApiText(Start, SimulatorHost.Zone);

        var result = await host.HostileAsync(hostileCase, count: 2);
        var window = await host.AllRecordsAsync(new ChatRecordsQuery { StartTime = Start, EndTime = Start });
        var changes = await host.ChangesAsync();

        Assert.Equal(result.Ids, result.Absurd);
        Assert.Equal(2, result.Ids.Count);
        Assert.Empty(result.Rejected);
        Assert.Equal(result.Ids.Order(), window.Select(r => r.Id!).Order());
        Assert.All(window, r => Assert.Equal((createdAt, now), (r.CreatedAt, r.UpdatedAt)));
        Assert.Equal(result.Ids, changes.Select(c => c.RecordId));
        Assert.All(changes, c => Assert.Equal((SimChangeKinds.Created, createdAt, now, Start), (c.Kind, c.CreatedAt, c.UpdatedAt, c.At)));
    }

    [Fact]
    public async Task Hostile_HugeRecord_ContentIsFiveMebibytesOfTextAndCreated()
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(Start));

        var result = await host.HostileAsync(HostileCases.HugeRecord);
        var record = Assert.Single(await host.ServedAsync());
        var change = Assert.Single(await host.ChangesAsync());

        Assert.Equal(Assert.Single(result.Ids), record.Id);
        Assert.Empty(result.Oversize);
        Assert.Equal(5 * 1024 * 1024, System.Text.Encoding.UTF8.GetByteCount(record.Content!));
        Assert.Equal("text", record.MessageType);
        Assert.Equal((SimChangeKinds.Created, record.Id), (change.Kind, change.RecordId));
    }

    [Fact]
    public async Task Hostile_OversizeRecordWithBytes_ContentHasThemAndThePageIsLargerStill()
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(Start));
        const int Bytes = 3_000_001;

        var result = await host.HostileAsync(HostileCases.OversizeRecord, count: 2, bytes: Bytes);
        using var request = host.RawRequest("tenant_id=1&appkey=demo-appkey&channel=2&page_number=1&page_size=100");
        using var response = await host.Http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var served = await host.ServedAsync();

        Assert.Equal(result.Ids, result.Oversize);
        Assert.Equal(2, result.Oversize.Count);
        Assert.All(served, r => Assert.Equal(Bytes, System.Text.Encoding.UTF8.GetByteCount(r.Content!)));
        Assert.True(body.Length > 2 * Bytes, $"a page of {body.Length} bytes");
        Assert.Equal(result.Ids, (await host.ChangesAsync()).Where(c => c.Kind == SimChangeKinds.Created).Select(c => c.RecordId));
    }

    [Fact]
    public async Task Hostile_OversizeRecordWithoutBytes_ContentIsTwentyMebibytes()
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(Start));

        var result = await host.HostileAsync(HostileCases.OversizeRecord);
        var record = Assert.Single(await host.ServedAsync());

        Assert.Equal(Assert.Single(result.Oversize), record.Id);
        Assert.Equal(20 * 1024 * 1024, record.Content!.Length);
    }

    [Theory]
    [InlineData("""{"case":"nonsense","count":1}""")]
    [InlineData("""{"case":"zeroDate","count":-1}""")]
    [InlineData("""{"case":"zeroDate","count":1,"bytes":10}""")]
    [InlineData("""{"case":"oversizeRecord","count":1,"bytes":0}""")]
    [InlineData("""{"case":"oversizeRecord","count":20,"bytes":20000000}""")]
    [InlineData("""{"case":"hugeRecord","count":60}""")]
    public async Task Hostile_BadRequest_IsRefusedWith400AndAddsNothing(string body)
    {
        await using var host = await SimulatorHost.StartAsync(time: new FakeTimeProvider(Start));

        using var response = await host.Http.PostAsync("/_sim/hostile", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var stats = await host.StatsAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, stats.Records);
    }

    [Fact]
    public async Task Hostile_Records_TakeNoLaterChangesFromTheGenerator()
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await SimulatorHost.StartAsync(o => o.Seed = 5, time);
        await host.BacklogAsync(200, TimeSpan.FromMinutes(1));
        var result = await host.HostileAsync(HostileCases.Date1970, count: 20);

        time.Advance(TimeSpan.FromHours(1));
        await host.BacklogAsync(3_000, TimeSpan.FromHours(1));
        var changes = await host.ChangesAsync();

        Assert.True(changes.Count(c => c.Kind != SimChangeKinds.Created) > 1_000);
        Assert.All(result.Ids, id => Assert.Single(changes, c => c.RecordId == id));
    }
}
