using System.Net.Http.Json;
using Streamer.Nxlink;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

[Collection(SecondBrokerCollection.Name)]
public sealed class FaultTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    /// <summary>Worker settings for runs through faults: short timeouts, quick retries.</summary>
    internal static readonly Dictionary<string, string> Impatient = new()
    {
        ["Polling__RequestTimeout"] = "00:00:01",
        ["Polling__RetryDelay"] = "00:00:00.050",
        ["Polling__MaxRetries"] = "20",
        ["Rabbit__PublishTimeout"] = "00:00:05",

        // Reading the whole day on every poll would be slow through these faults; every 5 s is enough.
        ["Polling__Rescans__1__Every"] = "00:00:05",
    };

    [Fact]
    public async Task Stream_ApiErrors30PercentWithLatencyAndTimeouts_ExactGroundTruthAndNoSecretsOrContentsInLogs()
    {
        await using var scenario = await StreamScenario.CreateAsync(broker, TimestampField.CreatedAt, "CreatedAt", seed: 21, o => o.MinChangeGap = TimeSpan.FromSeconds(20), Impatient);

        var (expected, _) = await scenario.RunAsync(6_000, 120, output.WriteLine, async s =>
            await s.Simulator.SetFaultsAsync(new FaultSettings { ErrorRate = 0.3, MalformedRate = 0.03, LatencyMaxMs = 100, TimeoutRate = 0.02, TimeoutMs = 3_000 }));
        await scenario.Simulator.SetFaultsAsync(new FaultSettings { ErrorRate = 0, MalformedRate = 0, LatencyMaxMs = 0, TimeoutRate = 0 });
        var stats = await scenario.Simulator.Http.GetFromJsonAsync<SimStats>("/_sim/stats");

        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        output.WriteLine($"faults injected {stats!.FaultsInjected} of {stats.Requests} requests; {comparison.Describe()}");
        Assert.True(stats.FaultsInjected > 100, $"only {stats.FaultsInjected} faults injected");
        Assert.Equal(1, scenario.Worker.Starts);
        Assert.True(scenario.Worker.IsRunning);
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
        await AssertLogHoldsNoSecretOrContentAsync(scenario);
    }

    [Fact]
    public async Task Stream_BadRecordsMixedIntoTraffic_GoodEventsArriveAndEachBadRecordRejectedOnce()
    {
        await using var scenario = await StreamScenario.CreateAsync(broker, TimestampField.CreatedAt, "CreatedAt", seed: 29, o => o.MinChangeGap = TimeSpan.FromSeconds(10));
        var markers = new List<string>();

        var (expected, _) = await scenario.RunAsync(6_000, 300, output.WriteLine, async s =>
        {
            for (var batch = 0; batch < 10; batch++)
            {
                using var response = await s.Simulator.Http.PostAsJsonAsync("/_sim/bad-records", new BadRecordsRequest { Count = 130 });
                markers.AddRange((await response.Content.ReadFromJsonAsync<BadRecordsResult>())!.Rejected);
                await Task.Delay(TimeSpan.FromSeconds(1.5));
            }
        });
        await scenario.Recorder.WaitUntilAsync(r => r.Rejected.Select(x => x.EventId).Distinct().Count() >= markers.Count, TimeSpan.FromSeconds(30));

        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        var rejectedByMarker = markers.ToDictionary(m => m, m => scenario.Recorder.Rejected.Where(r => r.RawJson.Contains(m, StringComparison.Ordinal)).Select(r => r.EventId).Distinct().Count());
        output.WriteLine($"bad records {markers.Count}, rejected deliveries {scenario.Recorder.Rejected.Count}; {comparison.Describe()}");
        Assert.True(markers.Count >= 500, $"{markers.Count} unreadable records");
        Assert.All(rejectedByMarker, pair => Assert.True(pair.Value == 1, $"{pair.Key}: {pair.Value} distinct rejections"));
        Assert.Equal(markers.Count, scenario.Recorder.Rejected.Select(r => r.EventId).Distinct().Count());
        Assert.Equal(1, scenario.Worker.Starts);
        Assert.True(scenario.Worker.IsRunning);
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
    }

    [Fact]
    public async Task Worker_SecondOnSameStateFile_RefusesToStartWithClearMessage()
    {
        await using var scenario = await StreamScenario.CreateAsync(broker, TimestampField.CreatedAt, "CreatedAt", seed: 31);
        scenario.Worker.Start();
        Assert.True(await WaitForAsync(() => scenario.Worker.Output.Any(l => l.Contains("initial snapshot complete", StringComparison.Ordinal)), TimeSpan.FromSeconds(60)), scenario.WorkerLogTail());
        var state = scenario.Worker.Environment["State__Path"];
        await using var second = new WorkerProcess(scenario.Worker.Environment);

        second.Start();
        Assert.True(await WaitForAsync(() => !second.IsRunning, TimeSpan.FromSeconds(60)));

        Assert.Equal(3, second.ExitCode);
        Assert.Contains(second.Output, l => l.Contains($"Another Streamer worker is using the state file {state}", StringComparison.Ordinal));
        Assert.True(scenario.Worker.IsRunning);
    }

    [Fact]
    public async Task Worker_WrongSecret_LogsTheFixAndKeepsRunningWithoutHotLoop()
    {
        await using var scenario = await StreamScenario.CreateAsync(
            broker, TimestampField.CreatedAt, "CreatedAt", seed: 37, workerSettings: new Dictionary<string, string>
            {
                ["Accounts__0__AccessSecret"] = "wrong-secret-value",
                ["Polling__ConfigurationErrorDelay"] = "00:00:05",
            });

        scenario.Worker.Start();
        await Task.Delay(TimeSpan.FromSeconds(12));
        var stats = await scenario.Simulator.Http.GetFromJsonAsync<SimStats>("/_sim/stats");

        var errors = scenario.Worker.Output.Where(l => l.Contains("invalid signature", StringComparison.Ordinal)).ToList();
        Assert.True(scenario.Worker.IsRunning, scenario.WorkerLogTail());
        Assert.InRange(errors.Count, 1, 4);
        Assert.Contains("AccessSecret", errors[0], StringComparison.Ordinal);
        Assert.InRange(stats!.Requests, 1, 6);
        Assert.DoesNotContain(scenario.Worker.Output, l => l.Contains("wrong-secret-value", StringComparison.Ordinal));
    }

    private static async Task AssertLogHoldsNoSecretOrContentAsync(StreamScenario scenario)
    {
        var log = string.Join('\n', scenario.Worker.Output);
        Assert.DoesNotContain("demo-access-secret", log, StringComparison.Ordinal);

        // Every content and phone number the API served must be absent from the worker's output.
        using var http = new HttpClient();
        var client = new NxlinkClient(http, TimeProvider.System);
        var account = new NxlinkAccount("check", scenario.Simulator.BaseUrl, "1", "demo-appkey", "demo-access-key", "demo-access-secret", TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var page in client.GetAllPagesAsync(account, new ChatRecordsQuery { PageSize = 100 }, CancellationToken.None))
        {
            foreach (var record in page.List ?? [])
            {
                foreach (var value in new[] { record.Content, record.From, record.To, record.CustomerName })
                {
                    if (value is { Length: >= 6 })
                    {
                        secrets.Add(value);
                    }
                }
            }
        }

        Assert.True(secrets.Count > 100);
        Assert.DoesNotContain(secrets, log.Contains);
    }

    private static async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200);
        }

        return true;
    }
}
