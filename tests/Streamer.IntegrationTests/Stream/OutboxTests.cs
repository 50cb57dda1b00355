using System.Net.Http.Json;
using Streamer.Contracts;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// What the outbox promises: every change the worker observed reaches the broker, however long the broker
/// is away and however often the worker is killed meanwhile; polling pauses when the outbox is full and
/// resumes by itself. Each run is compared with the simulator's ground truth. "The broker is away" here is
/// an outage of the test's own virtual host (<see cref="RabbitMqBroker.StopVirtualHostAsync(Uri)"/>: its
/// connections closed, new ones refused), not a stopped broker process, so these run beside other tests;
/// <see cref="BrokerOutageTests"/> stops the broker itself. The outage with kills runs alone, with the
/// other kill test (<see cref="WorkerKillTests"/>).
/// </summary>
[Collection(ThirdBrokerCollection.Name)]
public sealed class OutboxTests(RabbitMqBroker broker, ITestOutputHelper output)
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);


    private static readonly Dictionary<string, string> QuickRelay = new()
    {
        ["Outbox__RetryDelay"] = "00:00:00.500",
        ["Outbox__MaxRetryDelay"] = "00:00:02",
        ["Rabbit__PublishTimeout"] = "00:00:05",
    };

    [Fact]
    public Task Stream_VirtualHostDown60SecondsWhileEveryRecordChangesEvery5Seconds_EveryIntermediateChangeArrivesInOrder() =>
        VirtualHostDown60SecondsAsync(broker, output, kills: 0, everySeconds: 5);

    /// <summary>
    /// The virtual host is down for 60 s while records change every <paramref name="everySeconds"/> (24
    /// records per second of the period, so 24 changes/s, about 1,400 during the outage) and the worker is
    /// killed <paramref name="kills"/> times meanwhile; every change arrives, in order, none inferred. The
    /// run with kills is <see cref="WorkerKillTests"/>'s (it needs a quiet machine for its restarts).
    /// </summary>
    internal static async Task VirtualHostDown60SecondsAsync(RabbitMqBroker broker, ITestOutputHelper output, int kills, int everySeconds)
    {
        var every = TimeSpan.FromSeconds(everySeconds);
        await using var scenario = await StreamScenario.CreateAsync(
            broker, TimestampField.UpdatedAt, "UpdatedAt", seed: 43 + kills, o => { o.MinChangeGap = every; o.BurstSize = 0; }, QuickRelay);
        var snapshotSeq = await StartAfterBacklogAsync(scenario, 200);

        // Each record changes once a period (status steps, reactions, updates) for 80 s.
        await StartChurnAsync(scenario, records: 24 * everySeconds, every, TimeSpan.FromSeconds(80));
        await Task.Delay(TimeSpan.FromSeconds(8));
        var failuresBefore = PublishFailures(scenario);
        await broker.StopVirtualHostAsync(scenario.VirtualHost);
        var down = DateTimeOffset.UtcNow;
        for (var kill = 0; kill < kills; kill++)
        {
            // Counted from the restarted worker's first poll; slow restarts lengthen the outage past 60 s.
            await Task.Delay(Outage / (kills + 1));
            var restart = await scenario.KillAndRestartAsync();
            output.WriteLine($"kill {kill + 1}: first poll {restart.TotalSeconds:0.0} s after it");
        }

        var left = Outage - (DateTimeOffset.UtcNow - down);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }

        var failuresDuringOutage = PublishFailures(scenario) - failuresBefore;
        await broker.StartVirtualHostAsync(scenario.VirtualHost);
        var up = DateTimeOffset.UtcNow;
        await WaitForChurnAsync(scenario);

        var (expected, truth) = await ExpectedAsync(scenario, snapshotSeq);
        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        var duringOutage = truth.Count(c => c.Seq > snapshotSeq && c.At >= down && c.At <= up);
        var inferred = scenario.Recorder.Received.Select(r => r.Event).OfType<ChatMessageStatusChanged>().Count(s => s.Inferred);
        output.WriteLine($"outage {(up - down).TotalSeconds:0} s, {kills} kills, {duringOutage} changes during the outage, inferred steps {inferred}; {comparison.Describe()}");
        Assert.True(duringOutage >= 1_000, $"only {duringOutage} changes during the outage");
        Assert.True(failuresDuringOutage > 0, "the worker never failed to publish during the outage:\n" + scenario.WorkerLogTail());
        Assert.Equal(kills + 1, scenario.Worker.Starts);
        Assert.True(scenario.Worker.IsRunning, scenario.WorkerLogTail());
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());

        // Every status step was visible to a poll (states last 5 s or more, polls are 1 s apart): none is inferred.
        Assert.Equal(0, inferred);
    }

    [Fact]
    public async Task Stream_OutboxFullWhileVirtualHostDown_PollingPausesAndResumesByItselfNothingLost()
    {
        // States outlast the pause, so pausing loses nothing a poller could have seen.
        var settings = new Dictionary<string, string>(QuickRelay) { ["Outbox__MaxRows"] = "300" };
        await using var scenario = await StreamScenario.CreateAsync(
            broker, TimestampField.UpdatedAt, "UpdatedAt", seed: 47, o => { o.MinChangeGap = TimeSpan.FromSeconds(120); o.BurstSize = 0; }, settings);
        var snapshotSeq = await StartAfterBacklogAsync(scenario, 200);

        await broker.StopVirtualHostAsync(scenario.VirtualHost);
        await scenario.Simulator.StartTrafficAsync(1_500, 50);
        var paused = await WaitForAsync(() => scenario.Worker.Output.Any(l => l.Contains("polling paused", StringComparison.Ordinal)), TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(5));
        var resumedEarly = scenario.Worker.Output.Any(l => l.Contains("polling resumed", StringComparison.Ordinal));
        await broker.StartVirtualHostAsync(scenario.VirtualHost);
        await scenario.Simulator.WaitForTrafficAsync(TimeSpan.FromMinutes(2));

        var (expected, _) = await ExpectedAsync(scenario, snapshotSeq);
        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        output.WriteLine(comparison.Describe());
        Assert.True(paused, "polling never paused:\n" + scenario.WorkerLogTail());
        Assert.False(resumedEarly, "polling resumed while the virtual host was still down");
        Assert.Contains(scenario.Worker.Output, l => l.Contains("polling resumed", StringComparison.Ordinal));
        Assert.Equal(1, scenario.Worker.Starts);
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());
    }

    [Theory]
    [InlineData(TimestampField.UpdatedAt, "UpdatedAt")]
    [InlineData(TimestampField.CreatedAt, "CreatedAt")]
    public async Task Snapshot_PageOneRecordChangedWhileLaterPagesAreRead_ItsChangeArrivesAndEveryOldRecordIsSnapshot(TimestampField api, string worker)
    {
        await using var scenario = await StreamScenario.CreateAsync(
            broker, api, worker, seed: 53, o => { o.MinChangeGap = TimeSpan.FromSeconds(2); o.BurstSize = 0; }, QuickRelay);
        await scenario.Simulator.BacklogAsync(1_500, TimeSpan.FromMinutes(10));
        var snapshotSeq = (await scenario.Simulator.ChangesAsync()).Max(c => c.Seq);

        // While the first snapshot pages through the backlog, records of page 1 change as later pages are served.
        await scenario.Simulator.SetFaultsAsync(new FaultSettings { PageOneChangeRate = 0.5 });
        scenario.Worker.Start();
        var done = await WaitForAsync(() => scenario.Worker.Output.Any(l => l.Contains("initial snapshot complete", StringComparison.Ordinal)), TimeSpan.FromSeconds(90));
        await scenario.Simulator.SetFaultsAsync(new FaultSettings { PageOneChangeRate = 0 });
        Assert.True(done, scenario.WorkerLogTail());
        var stats = (await scenario.Simulator.Http.GetFromJsonAsync<SimStats>("/_sim/stats"))!;

        var (expected, truth) = await ExpectedAsync(scenario, snapshotSeq);
        var comparison = StreamComparison.Of(expected, scenario.Recorder.Received);
        var created = scenario.Recorder.Received.Select(r => r.Event).OfType<ChatMessageCreated>().ToList();
        var notSnapshot = created.Where(c => c.Origin != ChangeOrigin.Snapshot).Select(c => $"{c.RecordId} {c.Origin}").Distinct().ToList();
        output.WriteLine($"page-one changes {stats.PageOneChanges}; created {created.Count}, not labelled Snapshot {notSnapshot.Count}; {comparison.Describe()}");
        Assert.True(stats.PageOneChanges >= 3, $"only {stats.PageOneChanges} page-one changes");
        Assert.True(truth.Count(c => c.Seq > snapshotSeq) >= 3);
        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.WorkerLogTail());

        // Every record was created before the worker started: none is new to a consumer.
        Assert.True(notSnapshot.Count == 0, "created before the worker started but not labelled Snapshot: " + string.Join(", ", notSnapshot.Take(10)));
    }

    // Backlog, worker start, snapshot out; returns the last change the snapshot folds in.
    private static async Task<long> StartAfterBacklogAsync(StreamScenario scenario, int backlog)
    {
        await scenario.Simulator.BacklogAsync(backlog, TimeSpan.FromMinutes(20));
        var history = await scenario.Simulator.ChangesAsync();
        var records = history.Count(c => c.Kind == SimChangeKinds.Created);
        scenario.Worker.Start();
        if (!await scenario.Recorder.WaitUntilAsync(r => !scenario.Worker.IsRunning || r.DistinctCount >= records, TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("The initial snapshot did not arrive:\n" + scenario.WorkerLogTail());
        }

        return history.Max(c => c.Seq);
    }

    // How often the worker logged (event 70) that a publish to the broker failed, over all its runs.
    private static int PublishFailures(StreamScenario scenario) =>
        scenario.Worker.Output.Count(l => l.Contains("Outbox relay: publishing failed", StringComparison.Ordinal));

    private static async Task StartChurnAsync(StreamScenario scenario, int records, TimeSpan every, TimeSpan duration)
    {
        using var response = await scenario.Simulator.Http.PostAsJsonAsync("/_sim/churn", new ChurnRequest { Records = records, Every = every, Duration = duration });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task WaitForChurnAsync(StreamScenario scenario)
    {
        Assert.True(
            await WaitForAsync(async () => !(await scenario.Simulator.Http.GetFromJsonAsync<ChurnStatus>("/_sim/churn"))!.Running, TimeSpan.FromMinutes(3)),
            "the churn did not end");
    }

    // The ground truth's events after the snapshot, once every one of them arrived (or two minutes passed).
    private static async Task<(IReadOnlyList<ExpectedEvent> Expected, IReadOnlyList<SimChange> Truth)> ExpectedAsync(StreamScenario scenario, long snapshotSeq)
    {
        var truth = await scenario.Simulator.ChangesAsync();
        var expected = GroundTruth.Expected(truth, StreamScenario.TenantId, snapshotSeq);
        var ids = expected.Select(e => e.EventId).ToHashSet();
        await scenario.Recorder.WaitUntilAsync(
            r => r.Received.Select(x => x.Event.EventId).Where(ids.Contains).Distinct().Count() == ids.Count,
            TimeSpan.FromMinutes(2));

        // Anything extra (a wrong event) would arrive with the rest; give stragglers a moment.
        await Task.Delay(TimeSpan.FromSeconds(3));
        return (expected, truth);
    }

    private static Task<bool> WaitForAsync(Func<bool> condition, TimeSpan timeout) =>
        WaitForAsync(() => Task.FromResult(condition()), timeout);

    private static async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
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
