using Microsoft.Extensions.Time.Testing;
using Streamer.Tests.Polling;
using Streamer.Worker.Cluster;

namespace Streamer.Tests.Cluster;

/// <summary>
/// Coordinators over one in-memory lease store on a fake clock. Most tests run the cycles one by one (no jitter);
/// one runs the coordinators as hosted services on their timers, with jitter.
/// </summary>
public sealed class LeaseCoordinatorTests : IAsyncDisposable
{
    private static readonly TimeSpan Renew = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));
    private readonly TestMeterFactory meters = new();
    private readonly CounterRecorder counters;
    private readonly InMemoryLeaseStore store;
    private readonly FakeAccountDirectory directory = new(30);
    private readonly List<CoordinatedInstance> instances = [];

    public LeaseCoordinatorTests()
    {
        store = new InMemoryLeaseStore(time);
        counters = new CounterRecorder(meters);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }

        counters.Dispose();
        meters.Dispose();
    }

    [Fact]
    public async Task CycleAsync_ThreeInstancesThirtyAccounts_EachPollsTenAndEveryAccountIsPolledOnce()
    {
        var (a, b, c) = (Start("a"), Start("b"), Start("c"));

        await CyclesAsync(4, a, b, c);

        await WaitForAsync(a, b, c);
        Assert.All(new[] { a, b, c }, i => Assert.Equal(10, i.Accounts.Count));
        Assert.Equal(directory.Current.Select(x => x.Name).Order(), a.Accounts.Concat(b.Accounts).Concat(c.Accounts).Order());
        Assert.All(new[] { a, b, c }, i => Assert.All(i.Assignment, x => Assert.True(store.Admits(x.Fence!))));
        AssertNeverTwoOwners();
    }

    [Fact]
    public async Task CycleAsync_InstanceJoins_TheOthersHandTheirExtrasOverAndEachEndsWithTen()
    {
        var (a, b) = (Start("a"), Start("b"));
        await CyclesAsync(3, a, b);
        await WaitForAsync(a, b);
        Assert.Equal((15, 15), (a.Accounts.Count, b.Accounts.Count));

        var c = Start("c");
        await CyclesAsync(3, a, b, c);

        await WaitForAsync(a, b, c);
        Assert.All(new[] { a, b, c }, i => Assert.Equal(10, i.Accounts.Count));
        AssertNeverTwoOwners();
    }

    [Fact]
    public async Task CycleAsync_InstanceDies_ItsAccountsTakenOverOnceItsLeasesLapseWithNewTokens()
    {
        var (a, b, c) = (Start("a"), Start("b"), Start("c"));
        await CyclesAsync(3, a, b, c);
        await WaitForAsync(a, b, c);
        var lost = c.Assignment.ToDictionary(x => x.Name, x => x.Fence!.Token);

        // c stops cycling (killed): its leases and presence lapse after 15 s; a and b see it on their next cycles.
        var cycles = 0;
        while (a.Accounts.Count + b.Accounts.Count < 30)
        {
            await CyclesAsync(1, a, b);
            await Task.Delay(10);
            Assert.True(++cycles <= 5, $"not taken over after {cycles} cycles");
        }

        Assert.InRange(cycles * Renew, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(15) + (2 * Renew));
        Assert.All(a.Assignment.Concat(b.Assignment).Where(x => lost.ContainsKey(x.Name)), x => Assert.True(x.Fence!.Token > lost[x.Name]));
        Assert.Equal((15, 15), (a.Accounts.Count, b.Accounts.Count));
        AssertNeverTwoOwners();
    }

    [Fact]
    public async Task ExecuteAsync_StoppedGracefully_ReleasesEverythingAndTheOthersTakeOverAtTheirNextCycle()
    {
        var (a, b) = (Start("a"), Start("b"));
        await CyclesAsync(3, a, b);
        await WaitForAsync(a, b);

        // Its loop holds the leases it took in the cycles above; stopped once it runs (a cycle counts as it starting).
        await a.Coordinator.StartAsync(CancellationToken.None);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (a.Logger.Values<string>(179, "Instance").Count == 0)
            {
                await Task.Delay(5, timeout.Token);
            }
        }

        await a.Coordinator.StopAsync(CancellationToken.None);

        await CyclesAsync(1, b);
        await b.WaitForAsync(x => x.Count == 30);
        Assert.Empty(a.Assignment);
        Assert.Single(a.Logger.Values<int>(176, "Count"), 15);
        AssertNeverTwoOwners();
    }

    [Fact]
    public async Task CycleAsync_LeaseTakenOverWhileHeld_AccountStopsAtTheNextRenewalAndIsLogged()
    {
        var a = Start("a");
        await CyclesAsync(1, a);
        await a.WaitForAsync(x => x.Count == 30);
        store.Expire("account-3");
        Assert.NotNull(await store.TryAcquireAsync("account-3", "intruder", TimeSpan.FromSeconds(15), CancellationToken.None));

        await CyclesAsync(1, a);

        await a.WaitForAsync(x => x.Count == 29);
        Assert.DoesNotContain("account-3", a.Accounts);
        Assert.Equal(["account-3"], a.Logger.Values<string>(173, "Account"));
    }

    [Fact]
    public async Task CycleAsync_RenewalFails_EveryAccountStopsAtOnceAndIsTakenAgainWithNewTokensOnceTheStoreAnswers()
    {
        var a = Start("a");
        await CyclesAsync(1, a);
        await a.WaitForAsync(x => x.Count == 30);
        var tokens = a.Assignment.ToDictionary(x => x.Name, x => x.Fence!.Token);

        store.Failure = new TimeoutException("store down");
        await CyclesAsync(1, a);
        await a.WaitForAsync(x => x.Count == 0);
        Assert.Single(a.Logger.Values<int>(174, "Count"), 30);

        store.Failure = null;
        await CyclesAsync(1, a);
        await a.WaitForAsync(x => x.Count == 30);
        Assert.All(a.Assignment, x => Assert.True(x.Fence!.Token > tokens[x.Name]));
    }

    [Fact]
    public async Task CycleAsync_PausedLongerThanTheLease_DropsEveryLeaseBeforeAnythingElseAndTakesThemAnew()
    {
        var a = Start("a");
        await CyclesAsync(1, a);
        await a.WaitForAsync(x => x.Count == 30);
        var tokens = a.Assignment.ToDictionary(x => x.Name, x => x.Fence!.Token);

        // No cycle for 20 s (a SIGSTOP, a VM freeze): the leases lapsed, whoever takes them next.
        time.Advance(TimeSpan.FromSeconds(20));
        await Task.Run(() => a.Coordinator.CycleAsync(CancellationToken.None));

        await a.WaitForAsync(x => x.Count == 30 && x.All(y => y.Fence!.Token > tokens[y.Name]));
        Assert.Equal(30, a.Logger.Values<string>(173, "Account").Count);
    }

    [Fact]
    public async Task CycleAsync_WriteRefusedForItsFence_AccountDroppedAtTheNextCycleAndCounted()
    {
        var a = Start("a");
        await CyclesAsync(1, a);
        await a.WaitForAsync(x => x.Count == 30);
        var refused = a.Assignment.Single(x => x.Name == "account-5");

        // Another instance took it meanwhile; the poller's write under the old fence was refused.
        store.Expire("account-5");
        await store.TryAcquireAsync("account-5", "b", TimeSpan.FromSeconds(15), CancellationToken.None);
        await store.HeartbeatAsync("b", TimeSpan.FromSeconds(15), CancellationToken.None);
        a.Alarm.Refused(refused.Fence!);
        await CyclesAsync(1, a);

        await a.WaitForAsync(x => x.Count == 15);
        Assert.DoesNotContain("account-5", a.Accounts);
        Assert.Equal(1, counters.Total("streamer.cluster.fenced_writes"));
    }

    [Fact]
    public async Task CycleAsync_AccountsAddedDisabledAndUpdated_AssignmentFollowsWithinOneCycle()
    {
        var a = Start("a");
        await CyclesAsync(1, a);
        await a.WaitForAsync(x => x.Count == 30);

        directory.Set([.. directory.Current.Where(x => x.Name != "account-0"), FakeAccountDirectory.Account("account-new")]);
        await CyclesAsync(1, a);
        await a.WaitForAsync(x => x.Any(y => y.Name == "account-new") && x.All(y => y.Name != "account-0"));
        Assert.False(store.Admits(new FencingToken("a", "account-0", 1)));

        directory.Set([.. directory.Current.Where(x => x.Name != "account-1"), FakeAccountDirectory.Account("account-1", secret: "rotated")]);
        await CyclesAsync(1, a);
        await a.WaitForAsync(x => x.Single(y => y.Name == "account-1").Account.AccessSecret == "rotated");
    }

    [Fact]
    public async Task ExecuteAsync_ThreeInstancesOnTheirTimersWithJitter_SettleAtTenEachWithNoAccountEverOwnedTwice()
    {
        var options = new Func<ClusterOptions>(() => new ClusterOptions { ClaimJitter = TimeSpan.FromSeconds(1) });
        var running = new[] { Start("a", options()), Start("b", options()), Start("c", options()) };
        using var stop = new CancellationTokenSource();
        foreach (var instance in running)
        {
            await instance.Coordinator.StartAsync(stop.Token);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (running.Any(i => i.Accounts.Count != 10))
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(2, timeout.Token);
        }

        await stop.CancelAsync();
        foreach (var instance in running)
        {
            await instance.Coordinator.StopAsync(CancellationToken.None);
        }

        AssertNeverTwoOwners();
    }

    [Fact]
    public async Task ExecuteAsync_InstanceDiesBetweenTheOthersTicks_TheyClaimWhenItsLeasesLapseNotAtTheirNextTick()
    {
        // c holds every account and dies at once (its last cycle is the one below: its leases lapse 15 s later).
        var c = Start("c");
        await CyclesAsync(1, c);
        await c.WaitForAsync(x => x.Count == 30);
        var lapse = time.GetUtcNow() + TimeSpan.FromSeconds(15);

        // a and b start 2 s later, so their ticks (every 5 s) fall 3 s before and 2 s after the lapse.
        time.Advance(TimeSpan.FromSeconds(2));
        var running = new[] { Start("a", new ClusterOptions { ClaimJitter = TimeSpan.Zero }), Start("b", new ClusterOptions { ClaimJitter = TimeSpan.Zero }) };
        using var stop = new CancellationTokenSource();
        foreach (var instance in running)
        {
            await instance.Coordinator.StartAsync(stop.Token);
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (running.Sum(i => i.Accounts.Count) != 30)
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(2, timeout.Token);
        }

        await stop.CancelAsync();
        foreach (var instance in running)
        {
            await instance.Coordinator.StopAsync(CancellationToken.None);
        }

        var claimed = store.History.Where(h => h.Lease.Owner is "a" or "b").Min(h => h.From);
        Assert.InRange(claimed, lapse, lapse + TimeSpan.FromSeconds(1));
        AssertNeverTwoOwners();
    }

    private CoordinatedInstance Start(string id, ClusterOptions? options = null)
    {
        var instance = new CoordinatedInstance(id, store, directory, time, meters, options);
        instances.Add(instance);
        return instance;
    }

    // Each cycle: the clock moves one renewal period, then every instance given runs its cycle.
    private async Task CyclesAsync(int count, params CoordinatedInstance[] running)
    {
        for (var i = 0; i < count; i++)
        {
            time.Advance(Renew);
            foreach (var instance in running)
            {
                await Task.Run(() => instance.Coordinator.CycleAsync(CancellationToken.None));
            }
        }
    }

    private static async Task WaitForAsync(params CoordinatedInstance[] running)
    {
        foreach (var instance in running)
        {
            await instance.WaitForAsync(x => x.Count == instance.Coordinator.Held.Count && x.Select(y => y.Name).Order().SequenceEqual(instance.Coordinator.Held.Select(l => l.Account).Order()));
        }
    }

    // From the store's history: no two instances held one account's lease over an overlapping time.
    private void AssertNeverTwoOwners()
    {
        foreach (var account in store.History.Where(h => h.From < h.To).GroupBy(h => h.Lease.Account))
        {
            var spans = account.OrderBy(h => h.From).ToList();
            for (var i = 1; i < spans.Count; i++)
            {
                Assert.True(spans[i].From >= spans[i - 1].To || spans[i].Lease.Owner == spans[i - 1].Lease.Owner, $"{account.Key}: {spans[i - 1].Lease.Owner} until {spans[i - 1].To:O}, {spans[i].Lease.Owner} from {spans[i].From:O}");
            }
        }
    }
}
