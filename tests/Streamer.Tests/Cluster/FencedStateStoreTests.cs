using Streamer.Tests.Media;
using Streamer.Tests.Polling;
using Streamer.Worker;
using Streamer.Worker.Cluster;
using Streamer.Worker.State;

namespace Streamer.Tests.Cluster;

/// <summary>The fenced store over a fake backend that checks fences as the database does, against an in-memory lease table.</summary>
public sealed class FencedStateStoreTests : IDisposable
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero));
    private readonly TestMeterFactory meters = new();
    private readonly CounterRecorder counters;
    private readonly RecordingLogger<FenceAlarm> logger = new();
    private readonly FenceAlarm alarm;
    private readonly InMemoryLeaseStore leases;
    private readonly FencingBackend backend;

    public FencedStateStoreTests()
    {
        counters = new CounterRecorder(meters);
        alarm = new FenceAlarm(new StreamerMetrics(meters), logger);
        leases = new InMemoryLeaseStore(time);
        backend = new FencingBackend(leases);
    }

    public void Dispose()
    {
        counters.Dispose();
        meters.Dispose();
    }

    [Fact]
    public async Task CommitAsync_LeaseStillHeld_CommitsCarryingTheFence()
    {
        var lease = (await leases.TryAcquireAsync("sales", "a", TimeSpan.FromSeconds(15), CancellationToken.None))!;
        var store = new FencedStores(backend, alarm).For(lease.Fence);

        await store.CommitAsync("sales", Commit(), CancellationToken.None);

        Assert.Equal(lease.Fence, Assert.Single(backend.Committed).Fence);
        Assert.Equal(0, counters.Total("streamer.cluster.fenced_writes"));
    }

    [Fact]
    public async Task CommitAsync_LeaseTakenOverMeanwhile_RefusedNothingWrittenCountedLoggedAndQueuedForTheCoordinator()
    {
        var lease = (await leases.TryAcquireAsync("sales", "a", TimeSpan.FromSeconds(15), CancellationToken.None))!;
        var store = new FencedStores(backend, alarm).For(lease.Fence);
        time.Advance(TimeSpan.FromSeconds(16));
        await leases.TryAcquireAsync("sales", "b", TimeSpan.FromSeconds(15), CancellationToken.None);

        await Assert.ThrowsAsync<FencedWriteRefusedException>(() => store.CommitAsync("sales", Commit(), CancellationToken.None));

        Assert.Empty(backend.Committed);
        Assert.Equal(1, counters.Total("streamer.cluster.fenced_writes"));
        Assert.Equal(["sales"], logger.Values<string>(172, "Account"));
        Assert.True(alarm.Refusals.TryRead(out var refused));
        Assert.Equal(lease.Fence, refused);
    }

    [Fact]
    public async Task CommitAsync_LeaseExpiredButNotTakenOver_Refused()
    {
        var lease = (await leases.TryAcquireAsync("sales", "a", TimeSpan.FromSeconds(15), CancellationToken.None))!;
        var store = new FencedStores(backend, alarm).For(lease.Fence);
        time.Advance(TimeSpan.FromSeconds(15));

        await Assert.ThrowsAsync<FencedWriteRefusedException>(() => store.CommitAsync("sales", Commit(), CancellationToken.None));
    }

    [Fact]
    public void For_NoFence_TheStoreItselfAsWithSqlite()
    {
        Assert.Same(backend, new FencedStores(backend, alarm).For(null));
    }

    private static StateCommit Commit() => new(new AccountCursor(DateTimeOffset.UnixEpoch, SnapshotDone: true, new Dictionary<string, DateTimeOffset>()));

    /// <summary>A backend that refuses, as the database's transaction will, a commit whose fence is not the live lease.</summary>
    private sealed class FencingBackend(InMemoryLeaseStore leases) : IStateStore
    {
        public List<StateCommit> Committed { get; } = [];

        public Task CommitAsync(string account, StateCommit commit, CancellationToken cancellationToken)
        {
            if (commit.Fence is { } fence && !leases.Admits(fence))
            {
                throw new FencedWriteRefusedException(fence);
            }

            Committed.Add(commit);
            return Task.CompletedTask;
        }

        public Task<AccountCursor?> GetCursorAsync(string account, CancellationToken cancellationToken) => Task.FromResult<AccountCursor?>(null);

        public Task<IReadOnlyDictionary<string, Streamer.Worker.Detection.RecordSnapshot>> GetSnapshotsAsync(string account, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, Streamer.Worker.Detection.RecordSnapshot>>(new Dictionary<string, Streamer.Worker.Detection.RecordSnapshot>());

        public Task<int> PruneAsync(string account, DateTimeOffset olderThan, CancellationToken cancellationToken) => Task.FromResult(0);

        public Task<long> CountAsync(string account, CancellationToken cancellationToken) => Task.FromResult(0L);
    }
}
