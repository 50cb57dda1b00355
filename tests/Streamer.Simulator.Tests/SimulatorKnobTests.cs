using System.Net;
using System.Net.Http.Json;
using Streamer.Simulator.Tests.Infrastructure;
using Streamer.Simulator.Control;

namespace Streamer.Simulator.Tests;

/// <summary>
/// The knobs that reproduce worker defects: page-one changes while later pages are read, and the churn. The churn
/// tests measure real seconds and other tests compare wall-clock offsets, so this class runs alone.
/// </summary>
[CollectionDefinition(nameof(SimulatorKnobTests), DisableParallelization = true)]
[Collection(nameof(SimulatorKnobTests))]
public sealed class SimulatorKnobTests
{
    private const int PageSize = 20;

    private static readonly Dictionary<string, string[]> NextStatuses = new(StringComparer.Ordinal)
    {
        ["sent"] = ["delivered", "failed"],
        ["delivered"] = ["read", "failed"],
    };

    private static readonly string[][] UpdateFieldSets = [["customer_name"], ["agent_account", "agent_id", "agent_name"], ["remark"]];

    [Fact]
    public async Task GetPage_PageTwoWithPageOneChangeRateOne_ChangesARecordOfPageOneFirst()
    {
        await using var host = await StartUpdatedAtHostAsync(seed: 5);
        var query = WholeWindow(host);
        var pageOne = await PageAsync(host, query);
        var pageTwoBefore = await PageAsync(host, query with { PageNumber = 2 });
        var seqBefore = (await host.StatsAsync()).Changes;

        await host.SetFaultsAsync(new FaultSettings { PageOneChangeRate = 1 });
        var pageTwo = await PageAsync(host, query with { PageNumber = 2 });
        var stats = await host.StatsAsync();
        var pageOneAfter = await PageAsync(host, query);
        var changes = (await host.ChangesAsync()).Where(c => c.Seq > seqBefore).ToList();

        var change = Assert.Single(changes);
        var before = Assert.Single(pageOne.List!, r => r.Id == change.RecordId);
        Assert.Equal(SimChangeKinds.Reaction, change.Kind);
        Assert.NotNull(change.Emoji);
        Assert.Equal(before.UserEmoji, change.PreviousEmoji);
        Assert.True(string.CompareOrdinal(change.UpdatedAt, before.UpdatedAt) > 0, $"updated_at {before.UpdatedAt} -> {change.UpdatedAt}");
        Assert.Equal(1, stats.PageOneChanges);
        Assert.Equal(pageTwoBefore.Total, pageTwo.Total);
        Assert.DoesNotContain(pageOneAfter.List!, r => r.Id == change.RecordId);

        // The record moved to the window's end, so page 2 now starts one record later: page drift.
        Assert.Equal(pageTwoBefore.List!.Skip(1).Select(r => r.Id), pageTwo.List!.Take(PageSize - 1).Select(r => r.Id));
    }

    [Fact]
    public async Task GetPage_PageOneChangeRateZero_ChangesNothing()
    {
        await using var host = await StartUpdatedAtHostAsync(seed: 6);
        var query = WholeWindow(host);
        var before = await host.StatsAsync();

        await host.SetFaultsAsync(new FaultSettings { PageOneChangeRate = 0 });
        for (var page = 1; page <= 5; page++)
        {
            await PageAsync(host, query with { PageNumber = page });
            await PageAsync(host, query with { PageNumber = page });
        }

        var after = await host.StatsAsync();
        Assert.Equal(before.Changes, after.Changes);
        Assert.Equal(0, after.PageOneChanges);
        Assert.Equal(10, after.Requests - before.Requests);
    }

    [Fact]
    public async Task GetPage_PageOneWithPageOneChangeRateOne_ChangesNothing()
    {
        await using var host = await StartUpdatedAtHostAsync(seed: 7, pageOneChangeRate: 1);
        var query = WholeWindow(host);
        var before = await host.StatsAsync();

        for (var i = 0; i < 5; i++)
        {
            await PageAsync(host, query);
        }

        var after = await host.StatsAsync();
        Assert.Equal(before.Changes, after.Changes);
        Assert.Equal(0, after.PageOneChanges);
    }

    [Fact]
    public async Task GetPage_PageOneChangesWithTheSameSeed_MakeTheSameChanges()
    {
        await using var first = await StartUpdatedAtHostAsync(seed: 12, pageOneChangeRate: 0.5);
        await using var second = await StartUpdatedAtHostAsync(seed: 12, pageOneChangeRate: 0.5);

        var a = await PageTwoChangesAsync(first);
        var b = await PageTwoChangesAsync(second);

        Assert.NotEmpty(a);
        Assert.True(a.Count < 8, $"with rate 0.5 some of 8 requests should change nothing, {a.Count} did.");
        Assert.Equal(a, b);
        Assert.Equal(a.Count, (await first.StatsAsync()).PageOneChanges);
    }

    [Fact]
    public async Task Faults_PageOneChangeRate_StartsFromTheOptionAndRefusesOutOfRange()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.PageOneChangeRate = 0.25);

        var configured = await host.Http.GetFromJsonAsync("/_sim/faults", SimulatorJsonContext.Default.FaultSettings);
        using var refused = await host.Http.PostAsJsonAsync("/_sim/faults", new FaultSettings { PageOneChangeRate = 1.5 }, SimulatorJsonContext.Default.FaultSettings);
        await host.SetFaultsAsync(new FaultSettings { ErrorRate = 0 });
        var kept = await host.Http.GetFromJsonAsync("/_sim/faults", SimulatorJsonContext.Default.FaultSettings);

        Assert.Equal(0.25, configured!.PageOneChangeRate);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(0.25, kept!.PageOneChangeRate);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Churn_ShortPeriod_ChangesEveryRecordOncePerPeriodThroughValidSteps(bool besideLiveTraffic)
    {
        var every = TimeSpan.FromSeconds(2);
        var duration = TimeSpan.FromSeconds(8);
        await using var host = await SimulatorHost.StartAsync(o => o.Seed = 21);
        if (besideLiveTraffic)
        {
            using var traffic = await host.Http.PostAsJsonAsync("/_sim/traffic", new TrafficRequest { Changes = 3_000, Rate = 400 }, SimulatorJsonContext.Default.TrafficRequest);
            traffic.EnsureSuccessStatusCode();
        }

        var started = await StartChurnAsync(host, records: 4, every, duration);
        var status = await WaitForChurnAsync(host, TimeSpan.FromSeconds(30));
        var changes = await host.ChangesAsync();

        Assert.Equal(4, started.RecordIds.Count);
        Assert.True(started.Running);
        Assert.False(status.Running);
        Assert.Equal(Enumerable.Range(1, changes.Count).Select(i => (long)i), changes.Select(c => c.Seq));
        var churned = new List<SimChange>();
        for (var k = 0; k < started.RecordIds.Count; k++)
        {
            var record = changes.Where(c => c.RecordId == started.RecordIds[k]).ToList();
            var expected = Enumerable.Range(0, 100).Count(m => every * (1 + ((double)k / started.RecordIds.Count) + m) < duration);
            Assert.Equal(SimChangeKinds.Created, record[0].Kind);
            Assert.Equal("sent", record[0].Status);
            Assert.Equal(0, record[0].ChatType);
            Assert.InRange(record.Count - 1, expected - 1, expected + 1);
            for (var i = 1; i < record.Count; i++)
            {
                Assert.True(record[i].At - record[i - 1].At >= every, $"record {k} changed {record[i].At - record[i - 1].At} after its previous change.");
            }

            AssertValidSteps(record);
            churned.AddRange(record.Skip(1));
        }

        Assert.Equal(churned.Count, status.Changes);
        Assert.Contains(churned, c => c.Kind == SimChangeKinds.Status);
        Assert.Contains(churned, c => c.Kind == SimChangeKinds.Reaction);
        Assert.Contains(churned, c => c.Kind == SimChangeKinds.Updated);
    }

    [Fact]
    public async Task Churn_Deleted_StopsChanging()
    {
        await using var host = await SimulatorHost.StartAsync(o => o.Seed = 22);
        await StartChurnAsync(host, records: 3, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5));
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while ((await host.Http.GetFromJsonAsync("/_sim/churn", SimulatorJsonContext.Default.ChurnStatus, timeout.Token))!.Changes == 0)
            {
                await Task.Delay(100, timeout.Token);
            }
        }

        using var deleted = await host.Http.DeleteAsync(new Uri("/_sim/churn", UriKind.Relative));
        var stopped = (await deleted.Content.ReadFromJsonAsync(SimulatorJsonContext.Default.ChurnStatus))!;
        var changesAtStop = (await host.StatsAsync()).Changes;
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.False(stopped.Running);
        Assert.True(stopped.Changes > 0);
        Assert.Equal(changesAtStop, (await host.StatsAsync()).Changes);
    }

    [Theory]
    [InlineData(0, 3, 10, HttpStatusCode.BadRequest)]
    [InlineData(2, 1, 10, HttpStatusCode.BadRequest)]
    [InlineData(2, 2, 10, HttpStatusCode.BadRequest)]
    [InlineData(2, 3.5, 10, HttpStatusCode.BadRequest)]
    [InlineData(2, 3, 0, HttpStatusCode.BadRequest)]
    [InlineData(2, 3, 10, HttpStatusCode.Accepted)]
    public async Task Churn_Request_IsCheckedAgainstTheLimitsAndMinChangeGap(int records, double everySeconds, int durationSeconds, HttpStatusCode expected)
    {
        await using var host = await SimulatorHost.StartAsync(o => o.MinChangeGap = TimeSpan.FromSeconds(3));

        using var response = await host.Http.PostAsJsonAsync(
            "/_sim/churn",
            new ChurnRequest { Records = records, Every = TimeSpan.FromSeconds(everySeconds), Duration = TimeSpan.FromSeconds(durationSeconds) },
            SimulatorJsonContext.Default.ChurnRequest);
        using var stop = await host.Http.DeleteAsync(new Uri("/_sim/churn", UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.Accepted ? records : 0, (await host.StatsAsync()).Records);
    }

    // Each change starts from the state the previous ones left: statuses only step forward, reactions from the last emoji.
    private static void AssertValidSteps(List<SimChange> record)
    {
        var status = record[0].Status;
        var emoji = record[0].Emoji;
        foreach (var change in record.Skip(1))
        {
            switch (change.Kind)
            {
                case SimChangeKinds.Status:
                    Assert.Equal(status, change.PreviousStatus);
                    Assert.Contains(change.Status, NextStatuses[status!]);
                    Assert.Equal(change.Status == "failed", change.Remark is not null);
                    status = change.Status;
                    break;
                case SimChangeKinds.Reaction:
                    Assert.Equal(emoji, change.PreviousEmoji);
                    Assert.NotEqual(emoji, change.Emoji);
                    emoji = change.Emoji;
                    break;
                case SimChangeKinds.Updated:
                    Assert.Contains(UpdateFieldSets, set => set.SequenceEqual(change.Fields!.Keys.Order(StringComparer.Ordinal)));
                    break;
                default:
                    Assert.Fail($"unexpected {change.Kind} change of record {change.RecordId}");
                    break;
            }

            Assert.Equal(record[0].CreatedAt, change.CreatedAt);
        }
    }

    private static async Task<SimulatorHost> StartUpdatedAtHostAsync(int seed, double pageOneChangeRate = 0)
    {
        var host = await SimulatorHost.StartAsync(o =>
        {
            o.FilterOn = TimestampField.UpdatedAt;
            o.Seed = seed;
            o.PageOneChangeRate = pageOneChangeRate;
        });
        await host.BacklogAsync(600, TimeSpan.FromMinutes(10));
        return host;
    }

    // Oldest first, so page 1 holds records last changed minutes ago: all of them may change again.
    private static ChatRecordsQuery WholeWindow(SimulatorHost host) =>
        new() { PageSize = PageSize, Ascending = true, StartTime = host.Time.GetUtcNow().AddHours(-1) };

    private static Task<ChatRecordsResponse> PageAsync(SimulatorHost host, ChatRecordsQuery query) =>
        host.Client.GetPageAsync(host.Account(), query, CancellationToken.None);

    private static async Task<List<string>> PageTwoChangesAsync(SimulatorHost host)
    {
        var seqBefore = (await host.StatsAsync()).Changes;
        for (var i = 0; i < 8; i++)
        {
            await PageAsync(host, WholeWindow(host) with { PageNumber = 2 });
        }

        return [.. (await host.ChangesAsync()).Where(c => c.Seq > seqBefore).Select(c => $"{c.RecordId}|{c.Kind}|{c.PreviousEmoji}|{c.Emoji}")];
    }

    private static async Task<ChurnStatus> StartChurnAsync(SimulatorHost host, int records, TimeSpan every, TimeSpan duration)
    {
        using var response = await host.Http.PostAsJsonAsync(
            "/_sim/churn", new ChurnRequest { Records = records, Every = every, Duration = duration }, SimulatorJsonContext.Default.ChurnRequest);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(SimulatorJsonContext.Default.ChurnStatus))!;
    }

    private static async Task<ChurnStatus> WaitForChurnAsync(SimulatorHost host, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            var status = (await host.Http.GetFromJsonAsync("/_sim/churn", SimulatorJsonContext.Default.ChurnStatus, timeout.Token))!;
            if (!status.Running)
            {
                return status;
            }

            await Task.Delay(100, timeout.Token);
        }
    }
}
