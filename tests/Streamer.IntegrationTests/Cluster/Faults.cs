using System.Diagnostics;

namespace Streamer.IntegrationTests.Cluster;

/// <summary>The faults a cluster test inflicts on its instances, each measured or checked against the lease table.</summary>
internal static class Faults
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>How long after a kill its accounts may stay unpolled: the lease runs out, the others claim at the lapse after their jitter, and poll.</summary>
    public static TimeSpan FailoverBound => ClusterScenario.LeaseDuration + ClusterScenario.ClaimJitter + ClusterScenario.PollInterval;

    /// <summary>Waits until <paramref name="instances"/> instances hold all <paramref name="accounts"/> accounts, their counts at most one apart.</summary>
    public static async Task<string> WaitForBalanceAsync(ClusterScenario scenario, int instances, int accounts)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var table = await scenario.Leases.TableAsync();
            var counts = table.Instances.Select(i => table.Leases.Count(l => l.Owner == i)).ToList();
            var described = string.Join(", ", table.Instances.Zip(counts, (i, c) => $"{i} {c}"));
            if (table.Instances.Count == instances && table.Leases.Count == accounts && counts.Max() - counts.Min() <= 1)
            {
                return described;
            }

            if (deadline.Elapsed > Patience)
            {
                throw new TimeoutException($"The cluster did not settle: {table.Leases.Count} of {accounts} accounts held; {described}.\n{scenario.LogTail()}");
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Kills <paramref name="id"/> hard, measures from the kill until each of its accounts makes its first request from
    /// another instance (the simulator's per-tenant request count moves again), then starts it again.
    /// </summary>
    public static async Task<(TimeSpan Median, TimeSpan Max)> KillAsync(ClusterScenario scenario, string id, Action<string> log)
    {
        var held = await scenario.Leases.HeldByAsync(id);
        var worker = scenario.Workers[id];
        await worker.KillAsync();
        var killed = Stopwatch.StartNew();
        var tenants = held.Select(a => scenario.Tenants.Single(t => t.Name == a).Index).ToList();
        var baseline = await Task.WhenAll(tenants.Select(scenario.RequestsOfAsync));
        var resumed = new TimeSpan?[tenants.Count];
        while (resumed.Any(r => r is null) && killed.Elapsed < Patience)
        {
            for (var i = 0; i < tenants.Count; i++)
            {
                if (resumed[i] is null && await scenario.RequestsOfAsync(tenants[i]) > baseline[i])
                {
                    resumed[i] = killed.Elapsed;
                }
            }

            await Task.Delay(100);
        }

        if (resumed.Any(r => r is null))
        {
            throw new TimeoutException($"After the kill of {id}, {resumed.Count(r => r is null)} of its {held.Count} accounts were not polled again within {Patience.TotalSeconds:0} s.\n{scenario.LogTail()}");
        }

        var times = resumed.Select(r => r!.Value).Order().ToList();
        var median = times[times.Count / 2];
        log($"kill -9 of {id} (holding {held.Count} accounts): polled elsewhere after {median.TotalSeconds:0.0} s median, {times[^1].TotalSeconds:0.0} s max; lease + poll interval {(ClusterScenario.LeaseDuration + ClusterScenario.PollInterval).TotalSeconds:0.0} s, with the claim jitter {FailoverBound.TotalSeconds:0.0} s");
        worker.Start();
        return (median, times[^1]);
    }

    /// <summary>
    /// Freezes <paramref name="id"/> (SIGSTOP) until the others hold all its accounts, lets it run again (SIGCONT), and
    /// waits until it reports each lost; returns them, and those it polled afterwards without acquiring them again.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Lost, IReadOnlyList<string> PolledAfterLoss)> PauseAsync(ClusterScenario scenario, string id, Action<string> log)
    {
        var held = await scenario.Leases.HeldByAsync(id);
        var worker = scenario.Workers[id];
        await worker.PauseAsync();
        var paused = Stopwatch.StartNew();
        await WaitUntilAsync(
            async () => (await scenario.Leases.TableAsync()).Leases.Count(l => held.Contains(l.Account) && l.Owner != id) == held.Count,
            $"the others did not take {id}'s accounts over while it was paused",
            scenario);
        var takenAfter = paused.Elapsed;
        var mark = worker.Output.Count;
        await worker.ResumeAsync();
        var resumedAfter = paused.Elapsed;
        await WaitUntilAsync(() => Task.FromResult(held.All(a => LossLine(worker.Output.Skip(mark).ToList(), a) >= 0)), $"{id} did not report the loss of every account after it resumed", scenario);

        // A poll of a lost account after the loss was reported, with no new acquisition between, would be a write outside the lease.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = worker.Output.Skip(mark).ToList();
        var polled = held.Where(a => PolledAfterLoss(after, a)).ToList();
        log($"SIGSTOP of {id} (holding {held.Count} accounts): taken over after {takenAfter.TotalSeconds:0.0} s, resumed after {resumedAfter.TotalSeconds:0.0} s (lease {ClusterScenario.LeaseDuration.TotalSeconds:0} s); lost reported for all; refused writes {after.Count(l => l.Contains("a state write was refused", StringComparison.Ordinal))}; polled after the loss: {polled.Count}");
        return (held, polled);
    }

    /// <summary>
    /// Right after <paramref name="id"/> renewed its leases, takes five of its accounts from under it in the database (a new
    /// token and owner, as another instance's acquisition writes): its next commits of them must be refused by the
    /// fence before its next renewal notices. Returns how many refusals it logged.
    /// </summary>
    public static async Task<int> TakeOverAsync(ClusterScenario scenario, string id, Action<string> log)
    {
        var worker = scenario.Workers[id];
        var held = (await scenario.Leases.HeldByAsync(id)).Take(5).ToList();
        var expiry = (await scenario.Leases.TableAsync()).Leases.Single(l => l.Account == held[0]).ExpiresAt;
        await WaitUntilAsync(async () => (await scenario.Leases.TableAsync()).Leases.Any(l => l.Account == held[0] && l.ExpiresAt > expiry), $"{id} did not renew", scenario, poll: 20);
        var mark = worker.Output.Count;
        foreach (var account in held)
        {
            await scenario.Leases.TakeOverAsync(account, "intruder", TimeSpan.FromSeconds(2));
        }

        await WaitUntilAsync(() => Task.FromResult(held.All(a => LossLine(worker.Output.Skip(mark).ToList(), a) >= 0)), $"{id} did not report the loss of the accounts taken from it", scenario);
        var refused = worker.Output.Skip(mark).Count(l => l.Contains("a state write was refused", StringComparison.Ordinal));
        log($"leases of {held.Count} accounts taken from under {id}: {refused} fenced write(s) refused and logged");
        return refused;
    }

    // The first line after which the worker no longer polls the account: its lease reported lost, or a write refused.
    private static int LossLine(IReadOnlyList<string> lines, string account) =>
        lines.ToList().FindIndex(l => l.Contains($"Account {account}: ", StringComparison.Ordinal)
            && (l.Contains("is no longer held here", StringComparison.Ordinal) || l.Contains("a state write was refused", StringComparison.Ordinal)));

    private static bool PolledAfterLoss(List<string> lines, string account)
    {
        var loss = LossLine(lines, account);
        var later = lines.Skip(loss + 1).ToList();
        var reacquired = later.FindIndex(l => l.Contains($"Account {account}: polling starts on this instance", StringComparison.Ordinal));
        return later.Take(reacquired < 0 ? later.Count : reacquired).Any(l => l.Contains($"Account {account}: window ", StringComparison.Ordinal));
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure, ClusterScenario scenario, int poll = 200)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > Patience)
            {
                throw new TimeoutException($"Within {Patience.TotalSeconds:0} s, {failure}.\n{scenario.LogTail()}");
            }

            await Task.Delay(poll);
        }
    }
}
