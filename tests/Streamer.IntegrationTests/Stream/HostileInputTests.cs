using System.Globalization;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// The simulator's hostile mode, one case per run: live traffic with good records goes on while the API
/// lies, serves absurd records or inward media links. Each run requires the good records' events to match
/// the ground truth exactly, the worker to keep running (one start), requests to stay bounded, and each
/// hostile record to be handled as it should (rejected once, refused with its reason, or streamed).
/// </summary>
[Collection(SecondBrokerCollection.Name)]
public sealed class HostileInputTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private readonly HostileScenario hostile = new(broker, output.WriteLine);

    [Theory]
    [InlineData(LyingTotals.Huge)]
    [InlineData(LyingTotals.Negative)]
    public async Task Stream_ApiLiesAboutTotal_GoodEventsArriveWithBoundedRequests(string lie)
    {
        var run = await hostile.RunAsync(41, s => HostileScenario.FaultsAsync(s, new FaultSettings { LyingTotal = lie }));

        HostileScenario.AssertHealthy(run);
    }

    [Theory]
    [InlineData(HostileCases.ZeroDate)]
    [InlineData(HostileCases.Unreadable)]
    public async Task Stream_UnreadableDates_EachRejectedOnceAndGoodEventsArrive(string hostileCase)
    {
        var run = await hostile.RunAsync(43, s => HostileScenario.AddAsync(s, hostileCase, 3));

        HostileScenario.AssertHealthy(run);
        Assert.All(run.Added.SelectMany(a => a.Rejected), marker => Assert.Single(run.RejectionsOf(marker)));
    }

    [Theory]
    [InlineData(HostileCases.Date1970)]
    [InlineData(HostileCases.Date2099)]
    public async Task Stream_AbsurdCreationDate_EachRejectedOnceAndGoodEventsArrive(string hostileCase)
    {
        // A timestamp before 2000, from 2100 on or more than a day ahead is refused as a lie (docs/security.md):
        // those records have no event of their own, one rejection each.
        var run = await hostile.RunAsync(47, s => HostileScenario.AddAsync(s, hostileCase, 3), expectedExcept: added => added.SelectMany(a => a.Absurd));

        HostileScenario.AssertHealthy(run);
        var absurd = run.Added.Single().Absurd;
        Assert.Equal(3, absurd.Count);
        Assert.All(absurd, id => Assert.Single(run.RejectionsOf(id)));
    }

    [Fact]
    public async Task Stream_FiveMegabyteRecord_StreamedAndGoodEventsArrive()
    {
        var run = await hostile.RunAsync(53, s => HostileScenario.AddAsync(s, HostileCases.HugeRecord, 1));

        HostileScenario.AssertHealthy(run);
    }

    [Fact]
    public async Task Stream_PageOverTheSizeLimit_ItsRecordRejectedAndTheOthersOfThePageArrive()
    {
        var run = await hostile.RunAsync(
            59,
            s => HostileScenario.AddAsync(s, HostileCases.OversizeRecord, 1, bytes: 3 * 1024 * 1024),
            new Dictionary<string, string> { ["Polling__MaxPageBytes"] = (2 * 1024 * 1024).ToString(CultureInfo.InvariantCulture) },
            expectedExcept: added => added.SelectMany(a => a.Oversize));

        // The record cannot be read at all, so its rejection names no id: it says why, once.
        HostileScenario.AssertHealthy(run);
        Assert.Single(run.Rejected.Where(r => r.Reason.Contains("MaxPageBytes", StringComparison.Ordinal)).DistinctBy(r => r.EventId));
    }

    [Fact]
    public async Task Stream_PagesWithUtf8BomAndAnUnreadableRecord_RejectedOnceAndGoodEventsArrive()
    {
        var run = await hostile.RunAsync(61, async s =>
        {
            await HostileScenario.FaultsAsync(s, new FaultSettings { Bom = true });
            return await HostileScenario.AddAsync(s, HostileCases.Unreadable, 2);
        });

        HostileScenario.AssertHealthy(run);
        Assert.All(run.Added.SelectMany(a => a.Rejected), marker => Assert.Single(run.RejectionsOf(marker)));
    }

    [Fact]
    public async Task Stream_ApiClockForwardAnHourAndBack_EveryChangeArrives()
    {
        var run = await hostile.RunAsync(67, async s =>
        {
            // The first live records are made before the step and their next changes after it: the jump in the
            // stamps must not let the simulator change them again before a poll could see them.
            var started = (await HostileRun.StatsAsync(s)).Changes;
            await Task.Run(async () =>
            {
                while ((await HostileRun.StatsAsync(s)).Changes < started + 3)
                {
                    await Task.Delay(10);
                }
            }).WaitAsync(TimeSpan.FromSeconds(30));
            await HostileScenario.ClockAsync(s, TimeSpan.FromHours(1));
            await Task.Delay(TimeSpan.FromSeconds(4));
            await HostileScenario.ClockAsync(s, TimeSpan.Zero);
            return [];
        });

        HostileScenario.AssertHealthy(run);
    }
}
