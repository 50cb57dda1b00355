using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Streamer.Worker;
using Streamer.Worker.Configuration;
using Streamer.Worker.Polling;
using Streamer.Worker.State;

namespace Streamer.Tests.Polling;

public sealed class PollUpkeepTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
    private readonly TestMeterFactory meters = new();
    private readonly PollingOptions options = new() { FilterOn = TimeFilter.Auto, FilterProbeEvery = TimeSpan.FromMinutes(10) };

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task AfterWindowAsync_ProbeDisagreesWithUpdatedAt_StoresTheDecisionAndEveryTierIsDueAgain()
    {
        var records = Enumerable.Range(0, 6)
            .Select(i => TestApi.Record($"r-{i}", Now.AddMinutes(-20 - i), "delivered", Now.AddMinutes(-20 - i).AddSeconds(9)))
            .ToList();
        var api = new FilteringApi(records) { FilterOn = FilteringApi.UpdatedAt };
        var handler = new PageHandler(api.Answer);
        var metrics = new StreamerMetrics(meters);
        var filter = new FilterSense(TestApi.Account, options, new FilterProbe(TestApi.Client(handler), ResiliencePipeline.Empty), new FilterBoard(metrics), NullLogger.Instance);
        var runs = options.RescansFor(TimeFilter.CreatedAt).ToDictionary(t => t.Key, _ => Now.AddSeconds(-1));
        var store = new FakeStateStore(new AccountCursor(Now.AddSeconds(-3), SnapshotDone: true, runs));
        var cursors = new CursorBook(TestApi.Account, options, filter, store, metrics, NullLogger.Instance);
        var upkeep = new PollUpkeep(filter, cursors, new PollPruner(TestApi.Account.Name, options, TimeSpan.FromHours(1), store, NullLogger.Instance));
        await cursors.PlanAsync(Now, CancellationToken.None);

        await upkeep.AfterWindowAsync(records, Now, CancellationToken.None);
        var learned = store.Commits.Single().Filter;
        var dueWhileUpdatedAt = (await cursors.PlanAsync(Now.AddSeconds(1), CancellationToken.None)).TiersDue;
        api.FilterOn = FilteringApi.CreatedAt;
        await upkeep.AfterWindowAsync([], Now + options.FilterProbeEvery, CancellationToken.None);
        var fellBack = store.Commits[^1].Filter;
        var dueAfter = (await cursors.PlanAsync(Now + options.FilterProbeEvery, CancellationToken.None)).TiersDue;

        Assert.Equal(TimeFilter.UpdatedAt, learned?.FilterOn);
        Assert.Empty(dueWhileUpdatedAt);
        Assert.Equal(new FilterDecision(TimeFilter.CreatedAt, FilterBasis.Disagreed, 0, FilterSense.ProbesPerRound, 0, Now + options.FilterProbeEvery), fellBack);
        Assert.Empty(store.Commits[^1].Cursor.TierRuns);
        Assert.Equal(options.RescansFor(TimeFilter.CreatedAt).Select(t => t.Key), dueAfter.Select(t => t.Key));
    }
}
