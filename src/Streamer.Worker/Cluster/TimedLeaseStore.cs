using Polly;

namespace Streamer.Worker.Cluster;

/// <summary>
/// The lease store with a deadline on every call (Polly's timeout): a call that hangs (a database cut off without an
/// error) fails after <paramref name="timeout"/>, so a coordinator's cycle never runs past the next renewal.
/// </summary>
internal sealed class TimedLeaseStore(ILeaseStore inner, TimeSpan timeout, TimeProvider time) : ILeaseStore
{
    private readonly ResiliencePipeline deadline = new ResiliencePipelineBuilder { TimeProvider = time }.AddTimeout(timeout).Build();

    /// <inheritdoc />
    public Task<LeaseTable> ReadAsync(CancellationToken cancellationToken) =>
        deadline.ExecuteAsync(async ct => await inner.ReadAsync(ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task HeartbeatAsync(string instance, TimeSpan duration, CancellationToken cancellationToken) =>
        deadline.ExecuteAsync(async ct => await inner.HeartbeatAsync(instance, duration, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task LeaveAsync(string instance, CancellationToken cancellationToken) =>
        deadline.ExecuteAsync(async ct => await inner.LeaveAsync(instance, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<Lease?> TryAcquireAsync(string account, string instance, TimeSpan duration, CancellationToken cancellationToken) =>
        deadline.ExecuteAsync(async ct => await inner.TryAcquireAsync(account, instance, duration, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task<IReadOnlyList<Lease>> RenewAsync(IReadOnlyList<Lease> leases, TimeSpan duration, CancellationToken cancellationToken) =>
        deadline.ExecuteAsync(async ct => await inner.RenewAsync(leases, duration, ct).ConfigureAwait(false), cancellationToken).AsTask();

    /// <inheritdoc />
    public Task ReleaseAsync(Lease lease, CancellationToken cancellationToken) =>
        deadline.ExecuteAsync(async ct => await inner.ReleaseAsync(lease, ct).ConfigureAwait(false), cancellationToken).AsTask();
}
