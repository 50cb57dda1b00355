using Microsoft.Extensions.Options;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.Cluster;

/// <summary>
/// Shares the accounts of the directory among the live instances by leases (<see cref="ILeaseStore"/>), and tells
/// the polling service which to poll (<see cref="IAccountSource"/>). Every <c>Cluster:RenewEvery</c> it announces the
/// instance, renews its leases (an account whose lease was lost or whose renewal failed stops at once), reads the
/// directory and the lease table, and follows its <see cref="LeasePlan"/>: hands extras over, then after a random
/// jitter claims free accounts up to its share. On a graceful stop it releases every lease and withdraws, so that the
/// others take its accounts over at their next cycle instead of after the lease duration.
/// </summary>
internal sealed class LeaseCoordinator : BackgroundService, IAccountSource
{
    private readonly ILeaseStore store;
    private readonly IAccountDirectory directory;
    private readonly ClusterOptions options;
    private readonly FenceAlarm alarm;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly LeaseHoldings holdings;
    private readonly AssignmentFeed feed = new();
    private TimeSpan? lapsingIn;

    /// <summary>Creates the coordinator of this instance.</summary>
    public LeaseCoordinator(ILeaseStore store, IAccountDirectory directory, IOptions<ClusterOptions> options, FenceAlarm alarm, TimeProvider time, ILogger<LeaseCoordinator> logger)
    {
        this.options = options.Value;
        this.store = new TimedLeaseStore(store, this.options.RenewEvery, time); // a hung call must not outlast the cycle
        this.directory = directory;
        this.alarm = alarm;
        this.time = time;
        this.logger = logger;
        InstanceId = string.IsNullOrEmpty(this.options.InstanceId)
            ? $"{Environment.MachineName}-{Environment.ProcessId}-{Random.Shared.Next(0x10000):x4}"
            : this.options.InstanceId;
        holdings = new LeaseHoldings(time, this.options.LeaseDuration, logger);
    }

    /// <summary>This instance's id in the lease table.</summary>
    public string InstanceId { get; }

    /// <summary>The leases this instance holds now (owner, token, expiry), for the state report and health.</summary>
    public IReadOnlyList<Lease> Held { get; private set; } = [];

    /// <inheritdoc />
    public IAsyncEnumerable<IReadOnlyList<AccountAssignment>> WatchAsync(CancellationToken cancellationToken) => feed.ReadAllAsync(cancellationToken);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.CoordinatorStarted(logger, InstanceId, options.RenewEvery, options.LeaseDuration);
        using var timer = new PeriodicTimer(options.RenewEvery, time);
        try
        {
            do
            {
                await CycleAsync(stoppingToken).ConfigureAwait(false);

                // Another instance's lease that lapses before the next tick has a likely dead owner (a live one
                // renews every period): a cycle at the lapse claims it without waiting for the tick.
                while (lapsingIn is { } lapse)
                {
                    lapsingIn = null;
                    await Task.Delay(lapse, time, stoppingToken).ConfigureAwait(false);
                    await CycleAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: release below.
        }
        finally
        {
            await LeaveAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One cycle: announce, renew, read, hand over, claim. Failures are logged; the next cycle starts afresh.</summary>
    internal async Task CycleAsync(CancellationToken cancellationToken)
    {
        while (alarm.Refusals.TryRead(out var fence))
        {
            holdings.DropFenced(fence);
        }

        holdings.DropExpired();
        Publish();
        try
        {
            // Presence first: it then lapses before the leases renewed after it, so the others never count a dead
            // instance after its accounts fell free.
            await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
            if (!await RenewAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            var accounts = (await directory.ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.Name, StringComparer.Ordinal);
            var table = await store.ReadAsync(cancellationToken).ConfigureAwait(false);
            var plan = LeasePlan.For(InstanceId, accounts.Keys, holdings.Accounts, table);
            lapsingIn = LeasePlan.NextLapse(InstanceId, accounts.Keys, table, options.RenewEvery);
            foreach (var account in plan.Lost)
            {
                holdings.Drop(account, "the lease table shows it is no longer this instance's");
            }

            holdings.Refresh(accounts);
            await ReleaseAsync(plan, accounts, cancellationToken).ConfigureAwait(false);
            Publish();
            if (plan.Wanted > 0)
            {
                await ClaimAsync(plan, accounts, table.Instances.Count, cancellationToken).ConfigureAwait(false);
                Publish();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A failed cycle (the store or the directory unreachable) is retried by the next one.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Log.CoordinatorCycleFailed(logger, error.GetType().Name, error);
        }
    }

    // A failed heartbeat does not stop the cycle: the renewal says whether the leases still stand.
    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.HeartbeatAsync(InstanceId, options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.CoordinatorCycleFailed(logger, error.GetType().Name, error);
        }
    }

    // Renews every held lease in one call; false when the call failed (every account then stopped).
    private async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        var leases = holdings.Leases;
        if (leases.Count == 0)
        {
            return true;
        }

        var sentAt = time.GetTimestamp();
        IReadOnlyList<Lease> renewed;
        try
        {
            renewed = await store.RenewAsync(leases, options.LeaseDuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Whether any renewal took is unknown: every account stops now, and is claimed again (with a new token) once the store answers.
            Log.LeaseRenewalFailed(logger, leases.Count, error.GetType().Name);
            holdings.DropAll("its renewal failed");
            Publish();
            return false;
        }

        var kept = renewed.Select(l => l.Account).ToHashSet(StringComparer.Ordinal);
        foreach (var lease in renewed)
        {
            holdings.Renewed(lease, sentAt);
        }

        foreach (var lease in leases.Where(l => !kept.Contains(l.Account)))
        {
            holdings.Drop(lease.Account, "its renewal was refused: another instance holds it or it expired");
        }

        Publish();
        return true;
    }

    private async Task ReleaseAsync(LeasePlan plan, Dictionary<string, AccountOptions> accounts, CancellationToken cancellationToken)
    {
        foreach (var account in plan.Release)
        {
            var lease = holdings.LeaseOf(account);
            holdings.Drop(account, accounts.ContainsKey(account) ? $"handed over (share {plan.Share}, this instance's target {plan.Target})" : "no longer enabled");
            Publish();
            await store.ReleaseAsync(lease, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ClaimAsync(LeasePlan plan, Dictionary<string, AccountOptions> accounts, int instances, CancellationToken cancellationToken)
    {
        var jitter = options.ClaimJitter * Random.Shared.NextDouble();
        await Task.Delay(jitter, time, cancellationToken).ConfigureAwait(false);
        var acquired = 0;
        foreach (var account in plan.Claim)
        {
            if (acquired == plan.Wanted)
            {
                break;
            }

            var sentAt = time.GetTimestamp();
            if (await store.TryAcquireAsync(account, InstanceId, options.LeaseDuration, cancellationToken).ConfigureAwait(false) is { } lease)
            {
                holdings.Hold(lease, accounts[account], sentAt);
                acquired++;
            }
        }

        Log.LeasesClaimed(logger, acquired, plan.Wanted, plan.Share, instances);
    }

    // On a graceful stop: every lease released and the instance withdrawn, within one renewal period.
    private async Task LeaveAsync()
    {
        var leases = holdings.Leases;
        holdings.Clear();
        Publish();
        using var deadline = new CancellationTokenSource(options.RenewEvery, time);
        try
        {
            foreach (var lease in leases)
            {
                await store.ReleaseAsync(lease, deadline.Token).ConfigureAwait(false);
            }

            await store.LeaveAsync(InstanceId, deadline.Token).ConfigureAwait(false);
            Log.LeasesReleased(logger, leases.Count);
        }
#pragma warning disable CA1031 // Unreleased leases lapse after the lease duration: the others take them over then.
        catch (Exception error)
#pragma warning restore CA1031
        {
            Log.LeasesNotReleased(logger, leases.Count, error.GetType().Name);
        }
    }

    // Tells the polling service the held accounts when they changed.
    private void Publish()
    {
        Held = holdings.Leases;
        feed.Offer(holdings.Assignment());
    }
}
