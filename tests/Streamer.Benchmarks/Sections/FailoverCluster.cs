using System.Diagnostics;
using System.Globalization;
using Streamer.Benchmarks.Infrastructure;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// The worker processes of the failover section on one PostgreSQL database: each slot runs one instance at a time,
/// with an id naming its slot and start (<c>bench-1-0</c>, then <c>bench-1-1</c> after a restart), so the lease
/// table tells which process holds what.
/// </summary>
public sealed class FailoverCluster(IReadOnlyDictionary<string, string> settings, LeaseQuery leases, int size) : IAsyncDisposable
{
    private readonly ChildProcess?[] workers = new ChildProcess?[size];
    private readonly string[] ids = new string[size];
    private readonly int[] starts = new int[size];

    /// <summary>The live instances' ids.</summary>
    public IEnumerable<string> Ids => ids.Where((_, slot) => workers[slot] is not null);

    /// <summary>Starts every slot, one after the other once the previous one holds a lease (so that one migrates first).</summary>
    public async Task StartAsync(int accounts, TimeSpan timeout)
    {
        for (var slot = 0; slot < workers.Length; slot++)
        {
            Start(slot);
            if (slot == 0)
            {
                await WaitAsync(owners => owners.Count > 0, "the first instance to lease an account", timeout);
            }
        }

        await SettleAsync(accounts, timeout);
    }

    /// <summary>The slot whose instance is <paramref name="id"/>.</summary>
    public int SlotOf(string id) => Array.IndexOf(ids, id);

    /// <summary>Kills the slot's instance with SIGKILL and waits until it is gone; returns when the signal was sent.</summary>
    public async Task<long> KillAsync(int slot)
    {
        var worker = workers[slot] ?? throw new InvalidOperationException($"slot {slot} runs nothing");
        workers[slot] = null;
        var killedAt = Stopwatch.GetTimestamp();

        // Process.Kill is SIGKILL on Linux: no graceful shutdown, no lease released.
        await worker.DisposeAsync();
        return killedAt;
    }

    /// <summary>Starts a new instance in the slot (a new id).</summary>
    public void Restart(int slot) => Start(slot);

    /// <summary>
    /// Waits until every account has a live lease, every live instance holds some and the shares differ by at most one
    /// (the cluster rebalanced after a start), checking the processes still run.
    /// </summary>
    public Task SettleAsync(int accounts, TimeSpan timeout) =>
        WaitAsync(
            owners =>
            {
                var live = Ids.ToList();
                var held = live.Select(id => owners.Values.Count(o => o == id)).ToList();
                return owners.Count == accounts && owners.Values.All(live.Contains) && held.Min() >= accounts / live.Count && held.Max() - held.Min() <= 1;
            },
            "every account leased and the shares balanced",
            timeout);

    /// <summary>The output of every live worker's last lines, for a failure message.</summary>
    public string Tails() => string.Join("\n---\n", workers.Where(w => w is not null).Select(w => w!.Tail(15)));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers)
        {
            if (worker is not null)
            {
                await worker.DisposeAsync();
            }
        }
    }

    private void Start(int slot)
    {
        ids[slot] = string.Create(CultureInfo.InvariantCulture, $"bench-{slot}-{starts[slot]++}");
        var environment = new Dictionary<string, string>(settings) { ["Cluster__InstanceId"] = ids[slot] };
        workers[slot] = ChildProcess.StartWorker(environment);
    }

    private async Task WaitAsync(Func<IReadOnlyDictionary<string, string>, bool> done, string what, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (workers.FirstOrDefault(w => w is { IsRunning: false }) is { } exited)
            {
                throw new InvalidOperationException($"(failover) a worker exited while waiting for {what}:\n{exited.Tail()}");
            }

            var owners = await leases.OwnersAsync();
            if (done(owners))
            {
                return;
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"(failover) no {what} within {timeout.TotalSeconds:0} s; leases: {string.Join(", ", owners.Select(o => $"{o.Key}={o.Value}"))}\n{Tails()}");
            }

            await Task.Delay(200);
        }
    }
}
