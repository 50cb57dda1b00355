using Streamer.Worker.Polling.Scheduling;

namespace Streamer.Tests.Polling.Scheduling;

public sealed class PollPhasesTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    [Fact]
    public void FirstPolls_OneAccount_StartsAtOnce()
    {
        Assert.Equal([TimeSpan.Zero], PollPhases.FirstPolls([("only", Interval)], new Random(1)));
    }

    [Fact]
    public void FirstPolls_ThousandAccounts_OneEverySpacingJitteredByLessThanHalfOfIt()
    {
        var accounts = Names(1_000).Select(n => (n, Interval)).ToList();
        var spacing = Interval / 1_000;

        var offsets = PollPhases.FirstPolls(accounts, new Random(1)).Order().ToList();

        Assert.Equal(TimeSpan.Zero, offsets[0]);
        for (var k = 1; k < offsets.Count; k++)
        {
            Assert.InRange(offsets[k], spacing * k, (spacing * k) + (spacing / 2));
        }

        Assert.True(offsets[^1] < Interval);
    }

    [Fact]
    public void FirstPolls_SameAccountsInAnotherOrder_SameOrderOfFirstPolls()
    {
        var accounts = Names(50).Select(n => (n, Interval)).ToList();
        List<(string, TimeSpan)> reversed = [.. Enumerable.Reverse(accounts)];

        var order = Order(accounts, PollPhases.FirstPolls(accounts, new Random(1)));
        var again = Order(reversed, PollPhases.FirstPolls(reversed, new Random(2)));

        Assert.Equal(order, again);
    }

    [Fact]
    public void FirstPolls_TwoIntervals_EachGroupSpreadOverItsOwnInterval()
    {
        var fast = Names(10, "fast-").Select(n => (n, TimeSpan.FromSeconds(1)));
        var slow = Names(10, "slow-").Select(n => (n, TimeSpan.FromMinutes(1)));
        List<(string Name, TimeSpan Interval)> accounts = [.. fast, .. slow];

        var offsets = PollPhases.FirstPolls(accounts, new Random(1));

        var byGroup = accounts.Zip(offsets).GroupBy(a => a.First.Interval);
        Assert.All(byGroup, group =>
        {
            var sorted = group.Select(a => a.Second).Order().ToList();
            Assert.Equal(TimeSpan.Zero, sorted[0]);
            Assert.True(sorted[^1] >= group.Key * 0.9 && sorted[^1] < group.Key);
        });
    }

    private static IEnumerable<string> Names(int count, string prefix = "tenant-") => Enumerable.Range(0, count).Select(i => $"{prefix}{i:D4}");

    private static List<string> Order(IReadOnlyList<(string Name, TimeSpan Interval)> accounts, TimeSpan[] offsets) =>
        [.. accounts.Zip(offsets).OrderBy(a => a.Second).Select(a => a.First.Name)];
}
