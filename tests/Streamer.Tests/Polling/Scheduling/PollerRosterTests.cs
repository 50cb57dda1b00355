using Microsoft.Extensions.Logging.Abstractions;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;
using Streamer.Worker.Polling.Scheduling;

namespace Streamer.Tests.Polling.Scheduling;

/// <summary>The roster follows an assignment: pollers built for accounts that appear, removed and forgotten for those that go.</summary>
public sealed class PollerRosterTests : IDisposable
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly SchedulerClock clock = new();
    private readonly List<FakeScheduledPoll> built = [];
    private readonly List<string> forgotten = [];
    private readonly PollerRoster roster;

    public PollerRosterTests() =>
        roster = new PollerRoster(clock.Scheduler, Build, forgotten.Add, NullLogger.Instance);

    public void Dispose() => clock.Dispose();

    [Fact]
    public async Task ApplyAsync_AccountsAddedAndRemoved_NewOnesPolledAndGoneOnesStoppedAndForgotten()
    {
        var run = await clock.StartAsync(roster.Start([Assign("a"), Assign("b")]));
        await clock.AdvanceAsync(TimeSpan.FromSeconds(2));

        await Task.Run(() => roster.ApplyAsync([Assign("b"), Assign("c")]));
        var aPolls = Poller("a").Starts.Count;
        await clock.AdvanceAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(["b", "c"], roster.Accounts.Order());
        Assert.Equal(["a"], forgotten);
        Assert.Equal(aPolls, Poller("a").Starts.Count);
        Assert.InRange(Poller("c").Starts.Count, 3, 4);
        Assert.InRange(Poller("b").Starts.Count, 5, 6);
        Assert.Equal(3, built.Count);
        await clock.StopAsync(run);
    }

    [Fact]
    public async Task ApplyAsync_SameAssignment_KeepsEveryPoller()
    {
        var run = await clock.StartAsync(roster.Start([Assign("a"), Assign("b")]));

        await Task.Run(() => roster.ApplyAsync([Assign("b"), Assign("a")]));

        Assert.Equal(2, built.Count);
        Assert.Empty(forgotten);
        await clock.StopAsync(run);
    }

    [Fact]
    public async Task ApplyAsync_SecretUpdated_PollerBuiltAgainAndTheOldOneStopped()
    {
        var run = await clock.StartAsync(roster.Start([Assign("a")]));
        await clock.AdvanceAsync(TimeSpan.FromSeconds(2));
        var updated = Assign("a");
        updated.Account.AccessSecret = "rotated";

        await Task.Run(() => roster.ApplyAsync([updated]));
        var oldPolls = built[0].Starts.Count;
        await clock.AdvanceAsync(TimeSpan.FromSeconds(3));

        Assert.Equal(2, built.Count);
        Assert.Equal(oldPolls, built[0].Starts.Count);
        Assert.InRange(built[1].Starts.Count, 3, 4);
        Assert.Empty(forgotten);
        await clock.StopAsync(run);
    }

    [Fact]
    public async Task ApplyAsync_LeaseTakenAnew_PollerBuiltAgainWithTheNewFence()
    {
        var run = await clock.StartAsync(roster.Start([Assign("a", token: 3)]));

        await Task.Run(() => roster.ApplyAsync([Assign("a", token: 4)]));

        Assert.Equal(2, built.Count);
        await clock.StopAsync(run);
    }

    private static AccountAssignment Assign(string name, long? token = null) => new(
        new AccountOptions { Name = name, BaseUrl = "http://127.0.0.1:5080", TenantId = "1", AppKey = "k", AccessKey = "a", AccessSecret = "s", TimeZone = "UTC" },
        token is { } t ? new FencingToken("instance-a", name, t) : null);

    private FakeScheduledPoll Build(AccountAssignment assignment)
    {
        var poll = clock.Account(assignment.Name, Second);
        built.Add(poll);
        return poll;
    }

    private FakeScheduledPoll Poller(string name) => built.Last(p => p.Name == name);
}
