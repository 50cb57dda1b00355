using Streamer.Worker.Cluster;

namespace Streamer.Tests.Cluster;

public sealed class LeasePlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void For_EveryCountOfAccountsAndInstances_TargetsAddUpToTheAccountsDifferByAtMostOneAndNoneExceedsTheShare()
    {
        for (var n = 0; n <= 40; n++)
        {
            for (var m = 1; m <= 7; m++)
            {
                var accounts = Names("account", n);
                var instances = Names("instance", m);
                var table = new LeaseTable(Now, instances, []);
                var plans = instances.Select(i => LeasePlan.For(i, accounts, [], table)).ToList();

                var share = (int)Math.Ceiling(n / (double)m);
                Assert.All(plans, p => Assert.Equal(share, p.Share));
                Assert.Equal(n, plans.Sum(p => p.Target));
                Assert.True(plans.Max(p => p.Target) - plans.Min(p => p.Target) <= 1, $"n={n} m={m}");
                Assert.All(plans, p => Assert.InRange(p.Target, n / m, share));
                Assert.All(plans, p => Assert.Equal(p.Target, p.Wanted));
            }
        }
    }

    [Fact]
    public void For_InstanceJoinsTwoHoldingFifteenEach_EachHoldsTenAfterHandingFiveOverAndTheNewOneWantsTen()
    {
        var accounts = Names("account", 30);
        var a = accounts.Take(15).ToList();
        var b = accounts.Skip(15).ToList();
        var table = new LeaseTable(Now, ["a", "b", "c"], [.. Leases("a", a), .. Leases("b", b)]);

        var planA = LeasePlan.For("a", accounts, a, table);
        var planB = LeasePlan.For("b", accounts, b, table);
        var planC = LeasePlan.For("c", accounts, [], table);

        Assert.Equal(10, planA.Share);
        Assert.Equal((10, 5), (planA.Keep.Count, planA.Release.Count));
        Assert.Equal((10, 5), (planB.Keep.Count, planB.Release.Count));
        Assert.All(planA.Release, r => Assert.Contains(r, a));
        Assert.Empty(planC.Claim);
        Assert.Equal(0, planC.Wanted);

        // Once the extras are free, the newcomer wants ten and sees exactly them.
        var after = new LeaseTable(Now, ["a", "b", "c"], [.. Leases("a", planA.Keep), .. Leases("b", planB.Keep)]);
        var next = LeasePlan.For("c", accounts, [], after);
        Assert.Equal(10, next.Wanted);
        Assert.Equal(planA.Release.Concat(planB.Release).Order(), next.Claim.Order());
    }

    [Fact]
    public void For_SameTableTwice_HandsTheSameExtrasOver()
    {
        var accounts = Names("account", 20);
        var table = new LeaseTable(Now, ["a", "b"], Leases("a", accounts));

        Assert.Equal(LeasePlan.For("a", accounts, accounts, table).Release, LeasePlan.For("a", accounts, accounts, table).Release);
    }

    [Fact]
    public void For_FreeAccountsBeyondTheTarget_WantsOnlyUpToTheTarget()
    {
        var accounts = Names("account", 9);
        var table = new LeaseTable(Now, ["a", "b", "c"], Leases("b", accounts.Take(2)));

        var plan = LeasePlan.For("a", accounts, [], table);

        Assert.Equal(3, plan.Target);
        Assert.Equal(3, plan.Wanted);
        Assert.Equal(7, plan.Claim.Count);
        Assert.DoesNotContain(plan.Claim, c => accounts.Take(2).Contains(c));
    }

    [Fact]
    public void For_HeldAccountNoLongerEnabled_ReleasedAlthoughBelowTheTarget()
    {
        var accounts = Names("account", 10);
        var table = new LeaseTable(Now, ["a"], Leases("a", ["account-0", "removed"]));

        var plan = LeasePlan.For("a", accounts, ["account-0", "removed"], table);

        Assert.Equal(["removed"], plan.Release);
        Assert.Equal(["account-0"], plan.Keep);
        Assert.Equal(9, plan.Wanted);
    }

    [Fact]
    public void For_HeldAccountOwnedByAnotherInTheTable_IsLostAndNotKept()
    {
        var accounts = Names("account", 4);
        var table = new LeaseTable(Now, ["a", "b"], [.. Leases("b", ["account-0"]), .. Leases("a", ["account-1"])]);

        var plan = LeasePlan.For("a", accounts, ["account-0", "account-1"], table);

        Assert.Equal(["account-0"], plan.Lost);
        Assert.Equal(["account-1"], plan.Keep);
        Assert.DoesNotContain("account-0", plan.Claim);
    }

    [Fact]
    public void For_OwnLeaseNotPolled_ClaimableAgain()
    {
        // A renewal failed: the instance stopped the account, but the table still shows its lease.
        var accounts = Names("account", 2);
        var table = new LeaseTable(Now, ["a"], Leases("a", accounts));

        var plan = LeasePlan.For("a", accounts, ["account-0"], table);

        Assert.Equal(["account-0"], plan.Keep);
        Assert.Equal(["account-1"], plan.Claim);
        Assert.Equal(1, plan.Wanted);
    }

    [Fact]
    public void For_InstanceNotYetInTheTable_CountsItself()
    {
        var accounts = Names("account", 10);
        var table = new LeaseTable(Now, ["a"], Leases("a", accounts));

        var plan = LeasePlan.For("b", accounts, [], table);

        Assert.Equal(5, plan.Share);
        Assert.Equal(5, plan.Target);
    }

    [Fact]
    public void For_NoAccounts_NothingToDo()
    {
        var plan = LeasePlan.For("a", [], [], new LeaseTable(Now, ["a", "b"], []));

        Assert.Equal((0, 0, 0), (plan.Share, plan.Target, plan.Wanted));
    }

    [Fact]
    public void For_TwoInstancesSeeingTheSameFreeAccounts_PreferDifferentOnes()
    {
        var accounts = Names("account", 100);
        var table = new LeaseTable(Now, ["a", "b"], []);

        var a = LeasePlan.For("a", accounts, [], table);
        var b = LeasePlan.For("b", accounts, [], table);

        // Each claims its first half: with independent orders about half of those overlap, far from all of them.
        var overlap = a.Claim.Take(a.Wanted).Intersect(b.Claim.Take(b.Wanted)).Count();
        Assert.InRange(overlap, 10, 40);
    }

    [Theory]
    [InlineData(30, 3)]
    [InlineData(31, 3)]
    [InlineData(7, 4)]
    [InlineData(100, 6)]
    public void For_InstancesFollowingTheirPlans_SettleBalancedWithEveryAccountOwnedOnceThenStayPut(int n, int m)
    {
        var accounts = Names("account", n);
        var cluster = new PlanCluster(accounts, Names("instance", m));

        cluster.Rounds(6);
        cluster.AssertSettled();
        var settled = cluster.Owners();
        cluster.Rounds(3);
        Assert.Equal(settled, cluster.Owners());

        cluster.Join("instance-new");
        cluster.Rounds(6);
        cluster.AssertSettled();

        cluster.Kill("instance-0");
        cluster.Rounds(6);
        cluster.AssertSettled();
    }

    private static List<string> Names(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i}")];

    private static List<Lease> Leases(string owner, IEnumerable<string> accounts) => [.. accounts.Select(a => new Lease(a, owner, 1, Now.AddSeconds(15)))];

    /// <summary>Instances taking turns: each reads the table, releases what its plan says and claims what is free (atomic, as the store).</summary>
    private sealed class PlanCluster(IReadOnlyList<string> accounts, IEnumerable<string> instances)
    {
        private readonly Dictionary<string, string> owners = new(StringComparer.Ordinal);
        private readonly List<string> live = [.. instances];

        public Dictionary<string, string> Owners() => new(owners, StringComparer.Ordinal);

        public void Join(string instance) => live.Add(instance);

        public void Kill(string instance)
        {
            live.Remove(instance);
            foreach (var account in owners.Where(o => o.Value == instance).Select(o => o.Key).ToList())
            {
                owners.Remove(account);
            }
        }

        public void Rounds(int count)
        {
            for (var round = 0; round < count; round++)
            {
                foreach (var instance in live)
                {
                    var table = new LeaseTable(Now, [.. live], [.. owners.Select(o => new Lease(o.Key, o.Value, 1, Now.AddSeconds(15)))]);
                    var holding = owners.Where(o => o.Value == instance).Select(o => o.Key).ToList();
                    var plan = LeasePlan.For(instance, accounts, holding, table);
                    plan.Release.ToList().ForEach(r => owners.Remove(r));
                    foreach (var account in plan.Claim.Where(c => !owners.ContainsKey(c)).Take(plan.Wanted))
                    {
                        owners[account] = instance;
                    }
                }
            }
        }

        public void AssertSettled()
        {
            Assert.Equal(accounts.Order(), owners.Keys.Order());
            var counts = live.Select(i => owners.Count(o => o.Value == i)).ToList();
            Assert.True(counts.Max() - counts.Min() <= 1, string.Join(", ", counts));
        }
    }
}
