using System.Globalization;
using System.Net.Http.Json;
using Streamer.IntegrationTests.Stream;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;

namespace Streamer.IntegrationTests.Cluster;

/// <summary>
/// A cluster run, each part real: the simulator serving many tenants over HTTP, several worker processes sharing one
/// PostgreSQL database (and so its leases), one consumer on the broker in a virtual host of its own. Leases are short
/// (renewed every 2 s, lasting 6 s) so that failovers happen within a test.
/// </summary>
public sealed class ClusterScenario : IAsyncDisposable
{
    public const string Queue = "streamer-cluster";

    // Each lease-store call gets RenewEvery as its deadline: 2 s, so the suite's load (three collections on two cores)
    // does not time a cycle out, as 1 s did in a CI run.
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(6);
    public static readonly TimeSpan ClaimJitter = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly RabbitMqBroker broker;

    private ClusterScenario(RabbitMqBroker broker, Uri vhost, SimulatorHost simulator, EventRecorder recorder, IReadOnlyList<TenantInfo> tenants, LeaseBook leases)
    {
        this.broker = broker;
        VirtualHost = vhost;
        Simulator = simulator;
        Recorder = recorder;
        Tenants = tenants;
        Leases = leases;
    }

    public Uri VirtualHost { get; }

    public SimulatorHost Simulator { get; }

    public EventRecorder Recorder { get; }

    /// <summary>Every tenant the simulator serves; account names are the tenants' names.</summary>
    public IReadOnlyList<TenantInfo> Tenants { get; }

    /// <summary>The lease table and its history in the cluster's database.</summary>
    public LeaseBook Leases { get; }

    /// <summary>The instances by id (<c>w1</c>, <c>w2</c>, ...), none started yet.</summary>
    public IReadOnlyDictionary<string, WorkerProcess> Workers { get; private set; } = new Dictionary<string, WorkerProcess>();

    /// <summary>
    /// Starts the simulator (<paramref name="tenants"/> tenants) and the recorder, and prepares <paramref name="instances"/>
    /// workers on <paramref name="connectionString"/>'s database with the first <paramref name="configured"/> tenants as
    /// configured accounts (all when null); <paramref name="settings"/> add to or override every worker's environment.
    /// </summary>
    public static async Task<ClusterScenario> CreateAsync(
        RabbitMqBroker broker, string connectionString, int tenants, int instances, int seed, int? configured = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var vhost = await broker.CreateVirtualHostAsync("cluster");
        var simulator = await SimulatorHost.StartAsync(o =>
        {
            o.Mode = SimulatorMode.Idle;
            o.Seed = seed;
            o.Tenants = tenants;
            // Longer than any poll gap a fault leaves under load (a lapsed lease, a database restart): polling cannot
            // see a state that lasted less than the gap between two polls.
            o.MinChangeGap = TimeSpan.FromSeconds(20);
            o.BurstInterval = TimeSpan.Zero;
        });
        var recorder = new EventRecorder();
        await recorder.StartAsync(vhost, Queue);
        var list = (await simulator.TenantsAsync()).Tenants;
        var scenario = new ClusterScenario(broker, vhost, simulator, recorder, list, new LeaseBook(connectionString));
        var environment = scenario.WorkerSettings(connectionString, list.Take(configured ?? list.Count));
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        scenario.Workers = Enumerable.Range(1, instances).ToDictionary(
            i => $"w{i}",
            i => new WorkerProcess(new Dictionary<string, string>(environment) { ["Cluster__InstanceId"] = $"w{i}" }));
        return scenario;
    }

    /// <summary>A backlog of <paramref name="changes"/> changes for every tenant; returns each tenant's last seq (what the first snapshot folds in).</summary>
    public async Task<IReadOnlyDictionary<int, long>> BacklogAsync(int changes)
    {
        using var response = await Simulator.Http.PostAsJsonAsync("/_sim/backlog?tenant=all", new BacklogRequest { Changes = changes, Span = TimeSpan.FromHours(1) });
        response.EnsureSuccessStatusCode();
        return (await Simulator.TenantChangesAsync("all")).GroupBy(c => c.Tenant).ToDictionary(g => g.Key, g => g.Max(c => c.Seq));
    }

    /// <summary>Live traffic for every tenant, <paramref name="changes"/> in all at <paramref name="ratePerTenantPerMinute"/>.</summary>
    public async Task StartTrafficAsync(long changes, double ratePerTenantPerMinute)
    {
        using var response = await Simulator.Http.PostAsJsonAsync("/_sim/traffic?tenant=all", new TrafficRequest { Changes = changes, RatePerTenantPerMinute = ratePerTenantPerMinute });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Waits until the all-tenant traffic generated everything asked.</summary>
    public async Task WaitForTrafficAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while ((await Simulator.Http.GetFromJsonAsync<TrafficStatus>("/_sim/traffic?tenant=all"))!.Running)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The simulator's all-tenant traffic did not finish in time.");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// What the broker must carry for <paramref name="accounts"/> (tenant indexes): each tenant's ground truth, the changes
    /// up to its <paramref name="snapshotSeqs"/> entry folded into the first snapshot.
    /// </summary>
    public async Task<IReadOnlyList<ExpectedEvent>> ExpectedAsync(IReadOnlyDictionary<int, long> snapshotSeqs, IEnumerable<int> accounts)
    {
        var truth = (await Simulator.TenantChangesAsync("all")).ToLookup(c => c.Tenant);
        return [.. accounts.SelectMany(i => GroundTruth.Expected([.. truth[i]], Tenants[i].TenantId, snapshotSeqs.GetValueOrDefault(i)))];
    }

    /// <summary>Waits until every event of <paramref name="expected"/> arrived at least once, or the timeout.</summary>
    public Task<bool> WaitForAsync(IReadOnlyList<ExpectedEvent> expected, TimeSpan timeout)
    {
        var ids = expected.Select(e => e.EventId).ToHashSet();
        return Recorder.WaitUntilAsync(r => r.Received.Select(x => x.Event.EventId).Where(ids.Contains).Distinct().Count() == ids.Count, timeout);
    }

    /// <summary>How many requests tenant <paramref name="index"/>'s credentials made so far.</summary>
    public async Task<long> RequestsOfAsync(int index) =>
        (await Simulator.Http.GetFromJsonAsync<SimStats>($"/_sim/stats?tenant={index}"))!.TenantRequests;

    /// <summary>Every worker's last output lines, for failure messages.</summary>
    public string LogTail(int lines = 25) =>
        string.Join('\n', Workers.Select(w => $"--- {w.Key} (running {w.Value.IsRunning}) ---\n" + string.Join('\n', w.Value.Output.TakeLast(lines))));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        var logs = Path.Combine(AppContext.BaseDirectory, "worker-logs");
        Directory.CreateDirectory(logs);
        foreach (var (id, worker) in Workers)
        {
            await worker.ResumeAsync();
            await worker.DisposeAsync();
            await File.WriteAllLinesAsync(Path.Combine(logs, $"{VirtualHost.Segments.Last()}-{id}.log"), worker.Output);
        }

        await Recorder.DisposeAsync();
        await Simulator.DisposeAsync();
        await broker.DeleteVirtualHostAsync(VirtualHost);
    }

    private Dictionary<string, string> WorkerSettings(string connectionString, IEnumerable<TenantInfo> accounts)
    {
        var environment = new Dictionary<string, string>
        {
            ["Rabbit__Uri"] = VirtualHost.ToString(),
            ["Rabbit__DeclareQueues__0"] = Queue,
            ["State__Provider"] = "Postgres",
            ["State__ConnectionString"] = connectionString,
            ["Cluster__RenewEvery"] = RenewEvery.ToString("c", CultureInfo.InvariantCulture),
            ["Cluster__LeaseDuration"] = LeaseDuration.ToString("c", CultureInfo.InvariantCulture),
            ["Cluster__ClaimJitter"] = ClaimJitter.ToString("c", CultureInfo.InvariantCulture),
            ["Polling__FilterOn"] = "CreatedAt",
            ["Polling__Interval"] = PollInterval.ToString("c", CultureInfo.InvariantCulture),
            ["Polling__Overlap"] = "00:00:05",
            ["Polling__SafetyLag"] = "00:00:02",
            ["Polling__MaxRequestsPerSecond"] = "5000",
            ["Polling__Rescans__0__Horizon"] = "00:00:30",
            ["Polling__Rescans__0__Every"] = "00:00:00",
            ["Polling__Rescans__1__Horizon"] = "1.00:00:00",
            ["Polling__Rescans__1__Every"] = "00:00:05",
            ["Logging__LogLevel__Streamer"] = "Debug",
        };
        var n = 0;
        foreach (var tenant in accounts)
        {
            foreach (var (key, value) in Account(tenant))
            {
                environment[$"Accounts__{n}__{key}"] = value;
            }

            n++;
        }

        return environment;
    }

    /// <summary>The settings of an account that streams <paramref name="tenant"/>.</summary>
    public Dictionary<string, string> Account(TenantInfo tenant) => new()
    {
        ["Name"] = tenant.Name,
        ["BaseUrl"] = Simulator.BaseUrl.ToString(),
        ["TenantId"] = tenant.TenantId,
        ["AppKey"] = tenant.AppKey,
        ["AccessKey"] = tenant.AccessKey,
        ["AccessSecret"] = tenant.AccessSecret,
        ["TimeZone"] = "Asia/Shanghai",
    };
}
