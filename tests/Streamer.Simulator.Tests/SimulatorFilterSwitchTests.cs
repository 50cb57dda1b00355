using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Time.Testing;
using Streamer.Simulator.Control;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>
/// <c>/_sim/filter</c> and FilterSwitchAfter switch what start_time/end_time filter on (and order_by sorts by) while
/// the simulator runs; UpdatedAtFollowsChanges=false keeps updated_at at created_at.
/// </summary>
public sealed class SimulatorFilterSwitchTests
{
    private const string CreatedAt = "CreatedAt";
    private const string UpdatedAt = "UpdatedAt";
    private static readonly DateTimeOffset Start = new(2025, 10, 16, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Switch_OneSecondWindows_ReturnARecordAtTheFilteredTimestampOnly()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Seed = 31);
        await host.BacklogAsync(2_000, TimeSpan.FromMinutes(30));
        var moved = GroundTruth.Replay(await host.ChangesAsync()).Values.Where(r => r.CreatedAt != r.UpdatedAt).Take(12).ToList();
        Assert.Equal(12, moved.Count);

        await AssertWindowsAsync(host, moved, CreatedAt);
        var toUpdated = await host.SwitchFilterAsync(UpdatedAt);
        var stats = await host.StatsAsync();
        await AssertWindowsAsync(host, moved, UpdatedAt);
        var back = await host.SwitchFilterAsync("createdat");
        await AssertWindowsAsync(host, moved, CreatedAt);

        Assert.Equal((UpdatedAt, 1), (toUpdated.FilterOn, toUpdated.Switches));
        Assert.Equal(UpdatedAt, stats.FilterOn);
        Assert.Equal((CreatedAt, 2), (back.FilterOn, back.Switches));
        Assert.Equal(CreatedAt, (await host.FilterAsync()).FilterOn);
        Assert.Equal(CreatedAt, (await host.StatsAsync()).FilterOn);
    }

    [Fact]
    public async Task Switch_OrderBy_FollowsTheNewSortKeyAndNothingIsLost()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Seed = 32);
        await host.BacklogAsync(3_000, TimeSpan.FromMinutes(20));
        var truth = GroundTruth.Replay(await host.ChangesAsync());

        await host.SwitchFilterAsync(UpdatedAt);
        await AssertServedInOrderAsync(host, truth, r => r.UpdatedAt);
        await host.SwitchFilterAsync(CreatedAt);
        await AssertServedInOrderAsync(host, truth, r => r.CreatedAt);
    }

    [Fact]
    public async Task Switch_RepeatedlyDuringLiveTraffic_LosesNothing()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Seed = 33);
        await host.BacklogAsync(2_000, TimeSpan.FromMinutes(10));
        using (var traffic = await host.Http.PostAsJsonAsync("/_sim/traffic", new TrafficRequest { Changes = 4_000, Rate = 2_000 }, SimulatorJsonContext.Default.TrafficRequest))
        {
            traffic.EnsureSuccessStatusCode();
        }

        var switches = 0;
        while ((await host.Http.GetFromJsonAsync("/_sim/traffic", SimulatorJsonContext.Default.TrafficStatus))!.Running || switches < 6)
        {
            await host.SwitchFilterAsync(switches++ % 2 == 0 ? UpdatedAt : CreatedAt);
            await Task.Delay(50);
        }

        var truth = GroundTruth.Replay(await host.ChangesAsync());
        var filter = await host.FilterAsync();
        Assert.Equal(switches, filter.Switches);
        await AssertServedInOrderAsync(host, truth, filter.FilterOn == UpdatedAt ? r => r.UpdatedAt : r => r.CreatedAt);
    }

    [Theory]
    [InlineData(TimestampField.CreatedAt, UpdatedAt)]
    [InlineData(TimestampField.UpdatedAt, CreatedAt)]
    public async Task FilterSwitchAfter_SwitchesToTheOtherTimestampOnceThatLongAfterStartUp(TimestampField configured, string other)
    {
        var time = new FakeTimeProvider(Start);
        await using var host = await SimulatorHost.StartAsync(
            o =>
            {
                o.FilterOn = configured;
                o.FilterSwitchAfter = TimeSpan.FromMinutes(10);
            },
            time);
        await host.BacklogAsync(500, TimeSpan.FromMinutes(5));

        time.Advance(TimeSpan.FromMinutes(9));
        var before = await host.FilterAsync();
        time.Advance(TimeSpan.FromMinutes(1));
        var after = await host.FilterAsync();
        time.Advance(TimeSpan.FromMinutes(30));
        var later = await host.FilterAsync();

        Assert.Equal((configured.ToString(), 0, (DateTimeOffset?)null), (before.FilterOn, before.Switches, before.SwitchedAt));
        Assert.Equal((other, 1, (DateTimeOffset?)Start.AddMinutes(10)), (after.FilterOn, after.Switches, after.SwitchedAt));
        Assert.Equal((other, 1), (later.FilterOn, later.Switches));
        await AssertServedInOrderAsync(host, GroundTruth.Replay(await host.ChangesAsync()), other == UpdatedAt ? r => r.UpdatedAt : r => r.CreatedAt);
    }

    [Theory]
    [InlineData("""{"filterOn":"ModifiedAt"}""")]
    [InlineData("""{"filterOn":"1"}""")]
    [InlineData("""{}""")]
    public async Task Switch_UnknownField_IsRefusedWith400AndChangesNothing(string body)
    {
        await using var host = await SimulatorHost.StartAsync();

        using var response = await host.Http.PostAsync(new Uri("/_sim/filter", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((CreatedAt, 0), ((await host.FilterAsync()).FilterOn, (await host.FilterAsync()).Switches));
    }

    [Theory]
    [InlineData(TimestampField.CreatedAt)]
    [InlineData(TimestampField.UpdatedAt)]
    public async Task UpdatedAtFollowsChangesOff_UpdatedAtStaysCreatedAtAndTheChangesStillHappen(TimestampField filterOn)
    {
        await using var host = await SimulatorHost.StartAsync(o =>
        {
            o.Seed = 34;
            o.FilterOn = filterOn;
            o.UpdatedAtFollowsChanges = false;
        });
        await host.BacklogAsync(2_000, TimeSpan.FromMinutes(20));
        var changes = await host.ChangesAsync();
        var truth = GroundTruth.Replay(changes);

        Assert.Contains(changes, c => c.Kind == SimChangeKinds.Status);
        Assert.Contains(changes, c => c.Kind == SimChangeKinds.Reaction);
        Assert.All(changes, c => Assert.Equal(c.CreatedAt, c.UpdatedAt));
        Assert.All(changes.GroupBy(c => c.RecordId), g => Assert.All(g.Zip(g.Skip(1)), p => Assert.True(p.Second.At - p.First.At >= TimeSpan.FromSeconds(2))));
        await AssertServedInOrderAsync(host, truth, r => r.CreatedAt);
        await host.SwitchFilterAsync(filterOn == TimestampField.CreatedAt ? UpdatedAt : CreatedAt);
        await AssertServedInOrderAsync(host, truth, r => r.CreatedAt);
    }

    [Fact]
    public async Task UpdatedAtFollowsChangesOff_SameSeed_MakesTheSameChangesWithOnlyUpdatedAtDiffering()
    {
        await using var follows = await SimulatorHost.StartAsync(o => o.Seed = 35, new FakeTimeProvider(Start));
        await using var still = await SimulatorHost.StartAsync(o => (o.Seed, o.UpdatedAtFollowsChanges) = (35, false), new FakeTimeProvider(Start));
        await follows.BacklogAsync(2_000, TimeSpan.FromMinutes(20));
        await still.BacklogAsync(2_000, TimeSpan.FromMinutes(20));

        var a = await follows.ChangesAsync();
        var b = await still.ChangesAsync();

        Assert.Equal(a.Select(Project), b.Select(Project));
        Assert.Contains(a, c => c.UpdatedAt != c.CreatedAt);
    }

    private static string Project(SimChange c) =>
        string.Join('|', c.Seq, c.RecordId, c.Kind, c.Status, c.PreviousStatus, c.Emoji, c.PreviousEmoji, c.Remark, c.CreatedAt, c.At,
            c.Fields is null ? "" : string.Join(',', c.Fields.Select(f => f.Key + "=" + f.Value)));

    private static async Task AssertWindowsAsync(SimulatorHost host, List<TruthRecord> records, string filterOn)
    {
        foreach (var record in records)
        {
            var atCreated = await WindowAsync(host, record.CreatedAt);
            var atUpdated = await WindowAsync(host, record.UpdatedAt);
            Assert.Equal(filterOn == CreatedAt, atCreated.Contains(record.Id));
            Assert.Equal(filterOn == UpdatedAt, atUpdated.Contains(record.Id));
        }
    }

    private static async Task<List<string>> WindowAsync(SimulatorHost host, string second)
    {
        var at = NxlinkTime.Parse(second, SimulatorHost.Zone)!.Value;
        var records = await host.AllRecordsAsync(new ChatRecordsQuery { StartTime = at, EndTime = at, PageSize = 100 });
        return [.. records.Select(r => r.Id!)];
    }

    // Both orders, every record once, each with its replayed updated_at: the index holds exactly the ground truth.
    private static async Task AssertServedInOrderAsync(SimulatorHost host, Dictionary<string, TruthRecord> truth, Func<TruthRecord, string> key)
    {
        var ascending = await host.AllRecordsAsync(new ChatRecordsQuery { Ascending = true, PageSize = 100 });
        var descending = await host.AllRecordsAsync(new ChatRecordsQuery { Ascending = false, PageSize = 100 });

        Assert.Equal(GroundTruth.InApiOrder(truth.Values, key).Select(r => r.Id), ascending.Select(r => r.Id!));
        Assert.Equal(ascending.Select(r => r.Id).Reverse(), descending.Select(r => r.Id));
        Assert.All(ascending, r => Assert.Equal(truth[r.Id!].UpdatedAt, r.UpdatedAt));
    }
}
