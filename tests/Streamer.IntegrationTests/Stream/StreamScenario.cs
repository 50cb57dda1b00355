using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// Everything an end-to-end run needs, each part real: the simulator over HTTP, the worker as its own
/// process, a consumer on the broker in an isolated virtual host.
/// </summary>
public sealed class StreamScenario : IAsyncDisposable
{
    /// <summary>The tenant of the simulator's default account.</summary>
    public const string TenantId = "1";

    /// <summary>The durable queue the worker declares and the recorder consumes.</summary>
    public const string Queue = "streamer-e2e";

    private static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(60);

    private readonly RabbitMqBroker broker;
    private readonly string stateDirectory;

    private StreamScenario(RabbitMqBroker broker, Uri vhost, SimulatorHost simulator, EventRecorder recorder, WorkerProcess worker, string stateDirectory)
    {
        this.broker = broker;
        VirtualHost = vhost;
        Simulator = simulator;
        Recorder = recorder;
        Worker = worker;
        this.stateDirectory = stateDirectory;
    }

    /// <summary>The broker virtual host of this run.</summary>
    public Uri VirtualHost { get; }

    /// <summary>The simulator.</summary>
    public SimulatorHost Simulator { get; }

    /// <summary>The consumer of every event.</summary>
    public EventRecorder Recorder { get; }

    /// <summary>The worker process (not started yet).</summary>
    public WorkerProcess Worker { get; }

    /// <summary>
    /// Starts the simulator and the recorder and prepares the worker, which reaches the simulator by its
    /// address, or as <c>localhost</c> with <paramref name="byLocalhostName"/> (the media links it hands out
    /// then name it so too).
    /// </summary>
    public static async Task<StreamScenario> CreateAsync(
        RabbitMqBroker broker,
        TimestampField simulatorFilter,
        string workerFilter,
        int seed,
        Action<SimulatorOptions>? simulator = null,
        IReadOnlyDictionary<string, string>? workerSettings = null,
        bool byLocalhostName = false)
    {
        var vhost = await broker.CreateVirtualHostAsync("e2e");
        var sim = await SimulatorHost.StartAsync(o =>
        {
            o.Mode = SimulatorMode.Idle;
            o.Seed = seed;
            o.FilterOn = simulatorFilter;
            o.MinChangeGap = TimeSpan.FromSeconds(6);
            o.BurstInterval = TimeSpan.FromSeconds(10);
            o.BurstSize = 150;
            simulator?.Invoke(o);
        });
        var recorder = new EventRecorder();
        await recorder.StartAsync(vhost, Queue);

        var stateDirectory = Path.Combine(Path.GetTempPath(), $"streamer-e2e-{Guid.NewGuid():N}");
        Directory.CreateDirectory(stateDirectory);
        var environment = new Dictionary<string, string>
        {
            ["Rabbit__Uri"] = vhost.ToString(),
            ["Rabbit__DeclareQueues__0"] = Queue,
            ["State__Path"] = Path.Combine(stateDirectory, "state.db"),
            ["Polling__FilterOn"] = workerFilter,
            ["Polling__Interval"] = "00:00:01",
            ["Polling__Overlap"] = "00:00:05",
            ["Polling__SafetyLag"] = "00:00:02",
            ["Polling__MaxRequestsPerSecond"] = "5000",
            ["Logging__LogLevel__Streamer"] = "Debug",
            ["Accounts__0__Name"] = "e2e",
            ["Accounts__0__BaseUrl"] = byLocalhostName ? $"http://localhost:{sim.BaseUrl.Port}/" : sim.BaseUrl.ToString(),
            ["Accounts__0__TenantId"] = TenantId,
            ["Accounts__0__AppKey"] = "demo-appkey",
            ["Accounts__0__AccessKey"] = "demo-access-key",
            ["Accounts__0__AccessSecret"] = "demo-access-secret",
            ["Accounts__0__TimeZone"] = "Asia/Shanghai",
        };

        // Short horizons so a one-minute test exercises every tier: changes to messages older than the
        // incremental window (5 s overlap) and than the first tier (30 s) are caught by the 24 h tier only.
        if (workerFilter == "CreatedAt")
        {
            environment["Polling__Rescans__0__Horizon"] = "00:00:30";
            environment["Polling__Rescans__0__Every"] = "00:00:00";
            environment["Polling__Rescans__1__Horizon"] = "1.00:00:00";
            environment["Polling__Rescans__1__Every"] = "00:00:02";
        }

        foreach (var (key, value) in workerSettings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        return new StreamScenario(broker, vhost, sim, recorder, new WorkerProcess(environment), stateDirectory);
    }

    /// <summary>
    /// The standard run: a backlog the worker snapshots on its first start, then live traffic while
    /// <paramref name="during"/> does its damage; returns once every expected event arrived (or a timeout).
    /// The backlog's records are created over the last <paramref name="backlogSpan"/> (2 h unless given); the
    /// records <paramref name="exceptRecords"/> names are expected to have no events.
    /// </summary>
    public async Task<(IReadOnlyList<ExpectedEvent> Expected, IReadOnlyList<SimChange> Truth)> RunAsync(
        long liveChanges,
        double rate,
        Action<string> log,
        Func<StreamScenario, Task>? during = null,
        int backlog = 1_000,
        TimeSpan? backlogSpan = null,
        Func<IReadOnlyCollection<string>>? exceptRecords = null)
    {
        await Simulator.BacklogAsync(backlog, backlogSpan ?? TimeSpan.FromHours(2));
        var history = await Simulator.ChangesAsync();
        var snapshotSeq = history.Max(c => c.Seq);
        var backlogRecords = history.Count(c => c.Kind == SimChangeKinds.Created);
        Worker.Start();

        // Live traffic starts once the snapshot is out, so the ground truth knows which changes it folded in.
        if (!await Recorder.WaitUntilAsync(r => !Worker.IsRunning || r.DistinctCount >= backlogRecords, TimeSpan.FromMinutes(1)))
        {
            throw new TimeoutException("The initial snapshot did not arrive:\n" + WorkerLogTail());
        }

        await Simulator.StartTrafficAsync(liveChanges, rate);
        if (during is not null)
        {
            await during(this);
        }

        await Simulator.WaitForTrafficAsync(TimeSpan.FromMinutes(5));
        var truth = await Simulator.ChangesAsync();
        var except = exceptRecords?.Invoke().ToHashSet(StringComparer.Ordinal) ?? [];
        var expected = GroundTruth.Expected(truth, TenantId, snapshotSeq).Where(e => !except.Contains(e.RecordId)).ToList();
        var ids = expected.Select(e => e.EventId).ToHashSet();
        var complete = await Recorder.WaitUntilAsync(
            r => !Worker.IsRunning || r.Received.Select(x => x.Event.EventId).Where(ids.Contains).Distinct().Count() == ids.Count,
            TimeSpan.FromMinutes(2));
        log($"changes {truth.Count}, expected events {expected.Count}, complete {complete}, worker starts {Worker.Starts}, running {Worker.IsRunning}");

        // Anything extra (a wrong event) would arrive with the rest; give stragglers a moment.
        await Task.Delay(TimeSpan.FromSeconds(3));
        return (expected, truth);
    }

    /// <summary>
    /// Kills the worker hard (SIGKILL) and starts it again on the same state, then waits until the new process
    /// has read a window from the API (its first poll), so that the next fault hits a worker that observes
    /// again: on a loaded machine a restart can outlast the gap between two kills, and a worker killed before
    /// it polls sees nothing. Returns the time from the kill to that first poll.
    /// </summary>
    public async Task<TimeSpan> KillAndRestartAsync()
    {
        var killed = DateTime.UtcNow;
        await Worker.KillAsync();
        var polls = Polls();
        Worker.Start();
        var deadline = DateTime.UtcNow + RestartTimeout;
        while (Polls() == polls)
        {
            if (!Worker.IsRunning || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The restarted worker did not poll within {RestartTimeout.TotalSeconds:0} s:\n" + WorkerLogTail());
            }

            await Task.Delay(100);
        }

        return DateTime.UtcNow - killed;
    }

    /// <summary>The worker's output, for failure messages.</summary>
    public string WorkerLogTail(int lines = 60) => string.Join('\n', Worker.Output.TakeLast(lines));

    // The worker's debug line for each window it read (event 8), over all its runs.
    private int Polls() => Worker.Output.Count(l => l.Contains("Account e2e: window ", StringComparison.Ordinal));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Worker.DisposeAsync();

        // The whole worker log of the last run, to read when a test fails.
        var logs = Path.Combine(AppContext.BaseDirectory, "worker-logs");
        Directory.CreateDirectory(logs);
        await File.WriteAllLinesAsync(Path.Combine(logs, $"{VirtualHost.Segments.Last()}.log"), Worker.Output);
        await Recorder.DisposeAsync();
        await Simulator.DisposeAsync();
        if (System.Environment.GetEnvironmentVariable("STREAMER_KEEP") is { Length: > 0 })
        {
            // Leave the vhost and state for a post-mortem.
            await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "worker-logs", "kept.txt"), $"{VirtualHost}\n{stateDirectory}\n");
            return;
        }

        await broker.DeleteVirtualHostAsync(VirtualHost);
        try
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
