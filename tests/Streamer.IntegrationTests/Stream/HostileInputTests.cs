using System.Globalization;
using System.Net.Http.Json;
using Streamer.Contracts;
using Streamer.Simulator;
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
[Collection(ThirdBrokerCollection.Name)]
public sealed class HostileInputTests(RabbitMqBroker broker, ITestOutputHelper output) : IDisposable
{
    // Far above a healthy run at this traffic (a poll a second, a few pages each), far below a read that loops.
    private const double MaxRequestsPerSecond = 60;

    private readonly string mediaDirectory = Path.Combine(Path.GetTempPath(), $"streamer-hostile-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(mediaDirectory))
        {
            Directory.Delete(mediaDirectory, recursive: true);
        }
    }

    [Theory]
    [InlineData(LyingTotals.Huge)]
    [InlineData(LyingTotals.Negative)]
    public async Task Stream_ApiLiesAboutTotal_GoodEventsArriveWithBoundedRequests(string lie)
    {
        var run = await RunAsync(41, s => FaultsAsync(s, new FaultSettings { LyingTotal = lie }));

        AssertHealthy(run);
    }

    [Theory]
    [InlineData(HostileCases.ZeroDate)]
    [InlineData(HostileCases.Unreadable)]
    public async Task Stream_UnreadableDates_EachRejectedOnceAndGoodEventsArrive(string hostile)
    {
        var run = await RunAsync(43, s => AddAsync(s, hostile, 3));

        AssertHealthy(run);
        Assert.All(run.Added.SelectMany(a => a.Rejected), marker => Assert.Single(run.RejectionsOf(marker)));
    }

    [Theory]
    [InlineData(HostileCases.Date1970)]
    [InlineData(HostileCases.Date2099)]
    public async Task Stream_AbsurdCreationDate_EachRejectedOnceAndGoodEventsArrive(string hostile)
    {
        // A timestamp before 2000, from 2100 on or more than a day ahead is refused as a lie (docs/security.md):
        // those records have no event of their own, one rejection each.
        var run = await RunAsync(47, s => AddAsync(s, hostile, 3), expectedExcept: added => added.SelectMany(a => a.Absurd));

        AssertHealthy(run);
        var absurd = run.Added.Single().Absurd;
        Assert.Equal(3, absurd.Count);
        Assert.All(absurd, id => Assert.Single(run.RejectionsOf(id)));
    }

    [Fact]
    public async Task Stream_FiveMegabyteRecord_StreamedAndGoodEventsArrive()
    {
        var run = await RunAsync(53, s => AddAsync(s, HostileCases.HugeRecord, 1));

        AssertHealthy(run);
    }

    [Fact]
    public async Task Stream_PageOverTheSizeLimit_ItsRecordRejectedAndTheOthersOfThePageArrive()
    {
        var run = await RunAsync(
            59,
            s => AddAsync(s, HostileCases.OversizeRecord, 1, bytes: 3 * 1024 * 1024),
            new Dictionary<string, string> { ["Polling__MaxPageBytes"] = (2 * 1024 * 1024).ToString(CultureInfo.InvariantCulture) },
            expectedExcept: added => added.SelectMany(a => a.Oversize));

        // The record cannot be read at all, so its rejection names no id: it says why, once.
        AssertHealthy(run);
        Assert.Single(run.Rejected.Where(r => r.Reason.Contains("MaxPageBytes", StringComparison.Ordinal)).DistinctBy(r => r.EventId));
    }

    [Fact]
    public async Task Stream_PagesWithUtf8BomAndAnUnreadableRecord_RejectedOnceAndGoodEventsArrive()
    {
        var run = await RunAsync(61, async s =>
        {
            await FaultsAsync(s, new FaultSettings { Bom = true });
            return await AddAsync(s, HostileCases.Unreadable, 2);
        });

        AssertHealthy(run);
        Assert.All(run.Added.SelectMany(a => a.Rejected), marker => Assert.Single(run.RejectionsOf(marker)));
    }

    [Fact]
    public async Task Stream_ApiClockForwardAnHourAndBack_EveryChangeArrives()
    {
        var run = await RunAsync(67, async s =>
        {
            await ClockAsync(s, TimeSpan.FromHours(1));
            await Task.Delay(TimeSpan.FromSeconds(4));
            await ClockAsync(s, TimeSpan.Zero);
            return [];
        });

        AssertHealthy(run);
    }

    [Theory]
    [InlineData(HostileCases.MediaLoopback, MediaArchiveFailure.Denied)]
    [InlineData(HostileCases.MediaLinkLocal, MediaArchiveFailure.Denied)]
    [InlineData(HostileCases.MediaRedirect, MediaArchiveFailure.Denied)]
    [InlineData(HostileCases.SvgAsPng, MediaArchiveFailure.ContentTypeNotAllowed)]
    public async Task Archive_HostileMediaLink_RefusedWithItsReasonTargetNeverContacted(string hostile, MediaArchiveFailure reason)
    {
        var run = await RunAsync(71, s => AddAsync(s, hostile, 2), MediaSettings, media: true);

        AssertHealthy(run);
        Assert.Equal(0, run.Stats.TargetHits);
        Assert.All(run.Added.SelectMany(a => a.Media), id =>
        {
            var failed = Assert.IsType<ChatMediaArchiveFailed>(run.MediaOutcomeOf(id));
            Assert.Equal(reason, failed.Reason);
        });
    }

    [Fact]
    public async Task Archive_LinkWithAmzExpiresAndNoExpires_Downloaded()
    {
        var run = await RunAsync(73, s => AddAsync(s, HostileCases.AmzExpires, 2), MediaSettings, media: true);

        AssertHealthy(run);
        Assert.All(run.Added.SelectMany(a => a.Media), id => Assert.IsType<ChatMediaArchived>(run.MediaOutcomeOf(id)));
    }

    private Dictionary<string, string> MediaSettings => new()
    {
        ["MediaArchive__Enabled"] = "true",
        ["MediaArchive__Path"] = mediaDirectory,

        // Only the simulator's own name is allowed; its hostile links point at other loopback names.
        ["MediaArchive__AllowedHosts__0"] = "localhost",
        ["MediaArchive__AllowInsecureTransport"] = "true",
        ["MediaArchive__QuickRetries"] = "1",
        ["MediaArchive__RetryDelay"] = "00:00:00.200",
        ["MediaArchive__PollInterval"] = "00:00:00.200",
    };

    private async Task<HostileRun> RunAsync(
        int seed,
        Func<StreamScenario, Task<IReadOnlyList<HostileResult>>> hostile,
        Dictionary<string, string>? worker = null,
        bool media = false,
        Func<IReadOnlyList<HostileResult>, IEnumerable<string>>? expectedExcept = null)
    {
        var started = DateTimeOffset.UtcNow;
        await using var scenario = await StreamScenario.CreateAsync(
            broker, TimestampField.CreatedAt, "CreatedAt", seed, o => { o.MinChangeGap = TimeSpan.FromSeconds(4); o.BurstSize = 0; }, worker, byLocalhostName: media);

        var added = new List<HostileResult>();
        var (expected, _) = await scenario.RunAsync(150, 25, output.WriteLine, async s =>
        {
            added.AddRange(await hostile(s));
            await s.Simulator.WaitForTrafficAsync(TimeSpan.FromMinutes(1));

            // A few more polls over what the hostile step left behind.
            await Task.Delay(TimeSpan.FromSeconds(4));
        }, backlog: 300, backlogSpan: TimeSpan.FromMinutes(10), exceptRecords: () => [.. expectedExcept?.Invoke(added) ?? []]);

        var markers = added.SelectMany(a => a.Rejected).ToList();
        var mediaIds = added.SelectMany(a => a.Media).ToList();
        await scenario.Recorder.WaitUntilAsync(
            r => markers.All(m => r.Rejected.Any(x => x.RawJson.Contains(m, StringComparison.Ordinal)))
                && mediaIds.All(id => r.Media.Any(x => x is ChatMediaArchiveOutcome o && o.RecordId == id)),
            TimeSpan.FromSeconds(30));

        var run = new HostileRun
        {
            WorkerRunning = scenario.Worker.IsRunning,
            WorkerStarts = scenario.Worker.Starts,
            WorkerLogTail = scenario.WorkerLogTail(),
            Rejected = [.. scenario.Recorder.Rejected],
            Media = [.. scenario.Recorder.Media],
            Comparison = StreamComparison.Of(expected, scenario.Recorder.Received),
            Added = added,
            Stats = await HostileRun.StatsAsync(scenario),
            Seconds = (DateTimeOffset.UtcNow - started).TotalSeconds,
        };
        output.WriteLine($"{string.Join(", ", added.Select(a => $"{a.Case} x{a.Ids.Count + a.Rejected.Count}"))}; requests {run.Stats.Requests} ({run.RequestsPerSecond:0.0}/s), target hits {run.Stats.TargetHits}, rejections {scenario.Recorder.Rejected.Count}; {run.Comparison.Describe()}");
        return run;
    }

    private static void AssertHealthy(HostileRun run)
    {
        Assert.True(run.WorkerRunning, "The worker exited:\n" + run.WorkerLogTail);
        Assert.Equal(1, run.WorkerStarts);
        Assert.True(run.RequestsPerSecond < MaxRequestsPerSecond, $"{run.RequestsPerSecond:0.0} requests/s");
        Assert.True(run.Comparison.Exact, run.Comparison.Describe() + "\n" + run.WorkerLogTail);
    }

    private static async Task<IReadOnlyList<HostileResult>> AddAsync(StreamScenario scenario, string hostile, int count, int? bytes = null)
    {
        using var response = await scenario.Simulator.Http.PostAsJsonAsync("/_sim/hostile", new HostileRequest { Case = hostile, Count = count, Bytes = bytes });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return [(await response.Content.ReadFromJsonAsync<HostileResult>())!];
    }

    private static async Task<IReadOnlyList<HostileResult>> FaultsAsync(StreamScenario scenario, FaultSettings faults)
    {
        await scenario.Simulator.SetFaultsAsync(faults);
        return [];
    }

    private static async Task ClockAsync(StreamScenario scenario, TimeSpan offset)
    {
        using var response = await scenario.Simulator.Http.PostAsJsonAsync("/_sim/clock", new ClockRequest { Offset = offset });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
