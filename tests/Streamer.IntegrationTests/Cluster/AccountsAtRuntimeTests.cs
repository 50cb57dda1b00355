using System.Diagnostics;
using Streamer.IntegrationTests.Stream;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Streamer.Worker.Cluster;
using Xunit.Abstractions;

namespace Streamer.IntegrationTests.Cluster;

/// <summary>
/// <c>streamer accounts add</c> and <c>disable</c> on a running cluster of two instances: the added account streams
/// within a cycle, the disabled one stops within a cycle, and its secret appears in no log, listing or argument.
/// </summary>
[Collection(SecondBrokerCollection.Name)]
public sealed class AccountsAtRuntimeTests(RabbitMqBroker broker, ITestOutputHelper output) : IAsyncLifetime
{
    private const int Tenants = 4;
    private const string SecretVariable = "STREAMER_TEST_ACCESS_SECRET";
    private readonly PostgresDatabase database = new();

    public Task InitializeAsync() => database.InitializeAsync();

    public Task DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Accounts_AddedThenDisabledOnARunningCluster_StreamsWithinACycleThenStops()
    {
        var settings = new Dictionary<string, string> { ["State__SecretKey"] = SecretBox.NewKey() };
        await using var scenario = await ClusterScenario.CreateAsync(broker, database.ConnectionString, Tenants, instances: 2, seed: 51, configured: Tenants - 1, settings);
        var added = scenario.Tenants[^1];
        var snapshotSeqs = await scenario.BacklogAsync(changes: 12);
        var configured = Enumerable.Range(0, Tenants - 1).ToList();
        foreach (var worker in scenario.Workers.Values)
        {
            worker.Start();
        }

        Assert.True(await scenario.WaitForAsync(await scenario.ExpectedAsync(snapshotSeqs, configured), TimeSpan.FromMinutes(2)), "The first snapshots did not arrive:\n" + scenario.LogTail());
        await scenario.StartTrafficAsync(changes: 100, ratePerTenantPerMinute: 60);
        var commands = new List<WorkerProcess>();

        var account = scenario.Account(added);
        await RunAsync(commands, scenario, "add", added.Name, "--base-url", account["BaseUrl"], "--tenant-id", added.TenantId, "--app-key", added.AppKey, "--access-key", added.AccessKey, "--time-zone", account["TimeZone"], "--secret-env", SecretVariable);
        var clock = Stopwatch.StartNew();
        // Its first snapshot folds in the changes made before it: each record it had by then arrives as created.
        var addedSnapshot = (await scenario.ExpectedAsync(snapshotSeqs, [added.Index])).Where(e => e.Kind == SimChangeKinds.Created).ToList();
        Assert.True(await scenario.WaitForAsync(addedSnapshot, TimeSpan.FromSeconds(30)), "The added account's records did not arrive:\n" + scenario.LogTail());
        var streamingAfter = clock.Elapsed;
        var listing = await RunAsync(commands, scenario, "list");

        await RunAsync(commands, scenario, "disable", added.Name);
        var stoppedAfter = await WaitUntilUnpolledAsync(scenario, added.Index);
        output.WriteLine($"added: its first snapshot on the broker {streamingAfter.TotalSeconds:0.0} s after `accounts add` returned; disabled: its last poll {stoppedAfter.TotalSeconds:0.0} s after `accounts disable` returned (renew every {ClusterScenario.RenewEvery.TotalSeconds:0} s)");

        await scenario.WaitForTrafficAsync(TimeSpan.FromMinutes(2));
        var expected = await scenario.ExpectedAsync(snapshotSeqs, configured);
        await scenario.WaitForAsync(expected, TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var comparison = StreamComparison.Of(expected, [.. scenario.Recorder.Received.Where(r => r.Event.TenantId != added.TenantId)]);
        output.WriteLine(comparison.Describe());

        Assert.True(comparison.Exact, comparison.Describe() + "\n" + scenario.LogTail());
        Assert.True(streamingAfter < TimeSpan.FromSeconds(15), $"the added account streamed only after {streamingAfter.TotalSeconds:0.0} s");
        Assert.True(stoppedAfter < TimeSpan.FromSeconds(15), $"the disabled account was polled for {stoppedAfter.TotalSeconds:0.0} s");
        Assert.Contains(added.Name, listing, StringComparison.Ordinal);
        var everything = scenario.Workers.Values.Concat(commands).ToList();
        Assert.All(everything, p => Assert.DoesNotContain(p.Output, l => l.Contains(added.AccessSecret, StringComparison.Ordinal)));
        Assert.All(everything, p => Assert.DoesNotContain(p.Arguments, a => a.Contains(added.AccessSecret, StringComparison.Ordinal)));
    }

    // Runs `streamer accounts <arguments>` with the workers' settings and the secret in its environment; returns its output.
    private static async Task<string> RunAsync(List<WorkerProcess> commands, ClusterScenario scenario, params string[] arguments)
    {
        var environment = new Dictionary<string, string>(scenario.Workers["w1"].Environment) { [SecretVariable] = scenario.Tenants[^1].AccessSecret };
        var command = new WorkerProcess(environment, ["accounts", .. arguments]);
        commands.Add(command);
        command.Start();
        Assert.True(await command.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"accounts {arguments[0]} did not finish");
        var text = string.Join('\n', command.Output);
        Assert.True(command.ExitCode == 0, $"accounts {arguments[0]} exited with {command.ExitCode}:\n{text}");
        return text;
    }

    // From now until the tenant's request count stays still for two seconds: when its last request came.
    private static async Task<TimeSpan> WaitUntilUnpolledAsync(ClusterScenario scenario, int tenant)
    {
        var clock = Stopwatch.StartNew();
        var last = await scenario.RequestsOfAsync(tenant);
        var lastMoved = TimeSpan.Zero;
        while (clock.Elapsed - lastMoved < TimeSpan.FromSeconds(2) && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100);
            var now = await scenario.RequestsOfAsync(tenant);
            if (now != last)
            {
                (last, lastMoved) = (now, clock.Elapsed);
            }
        }

        return lastMoved;
    }
}
