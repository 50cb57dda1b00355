using System.Net.Http.Json;
using Streamer.Contracts;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// One hostile end-to-end run: a small backlog, then live traffic with good records while the hostile step
/// does its damage; the run's figures are taken before the scenario is disposed.
/// </summary>
public sealed class HostileScenario(RabbitMqBroker broker, Action<string> log)
{
    // Far above a healthy run at this traffic (a poll a second, a few pages each), far below a read that loops.
    private const double MaxRequestsPerSecond = 60;

    public async Task<HostileRun> RunAsync(
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
        var (expected, _) = await scenario.RunAsync(80, 25, log, async s =>
        {
            added.AddRange(await hostile(s));
            await s.Simulator.WaitForTrafficAsync(TimeSpan.FromMinutes(1));

            // A few more polls over what the hostile step left behind.
            await Task.Delay(TimeSpan.FromSeconds(3));
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
        log($"{string.Join(", ", added.Select(a => $"{a.Case} x{a.Ids.Count + a.Rejected.Count}"))}; requests {run.Stats.Requests} ({run.RequestsPerSecond:0.0}/s), target hits {run.Stats.TargetHits}, rejections {scenario.Recorder.Rejected.Count}; {run.Comparison.Describe()}");
        return run;
    }

    public static void AssertHealthy(HostileRun run)
    {
        Assert.True(run.WorkerRunning, "The worker exited:\n" + run.WorkerLogTail);
        Assert.Equal(1, run.WorkerStarts);
        Assert.True(run.RequestsPerSecond < MaxRequestsPerSecond, $"{run.RequestsPerSecond:0.0} requests/s");
        Assert.True(run.Comparison.Exact, run.Comparison.Describe() + "\n" + run.WorkerLogTail);
    }

    public static async Task<IReadOnlyList<HostileResult>> AddAsync(StreamScenario scenario, string hostile, int count, int? bytes = null)
    {
        using var response = await scenario.Simulator.Http.PostAsJsonAsync("/_sim/hostile", new HostileRequest { Case = hostile, Count = count, Bytes = bytes });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return [(await response.Content.ReadFromJsonAsync<HostileResult>())!];
    }

    public static async Task<IReadOnlyList<HostileResult>> FaultsAsync(StreamScenario scenario, FaultSettings faults)
    {
        await scenario.Simulator.SetFaultsAsync(faults);
        return [];
    }

    public static async Task ClockAsync(StreamScenario scenario, TimeSpan offset)
    {
        using var response = await scenario.Simulator.Http.PostAsJsonAsync("/_sim/clock", new ClockRequest { Offset = offset });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
