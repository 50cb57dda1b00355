using Streamer.Tests.State;
using Streamer.Worker.Cluster;
using Streamer.Worker.Cluster.Postgres;
using Streamer.Worker.State;

namespace Streamer.Tests.Cluster;

/// <summary>The lease table and its fence on a real PostgreSQL: tokens, expiry on the database's clock, races and refused writes.</summary>
public sealed class PostgresLeaseStoreTests : IAsyncLifetime
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);
    private readonly PostgresStateDb db = new();
    private PostgresLeaseStore store = null!;

    public async Task InitializeAsync()
    {
        await db.CreateAsync();
        await db.OpenAsync(new PostgresLeaseFence());
        store = new PostgresLeaseStore(db.Database);
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task TryAcquire_HeldByAnotherUntilReleased_RefusedThenGrantedWithTheNextToken()
    {
        var first = await store.TryAcquireAsync("a", "i1", Long, CancellationToken.None);
        var refused = await store.TryAcquireAsync("a", "i2", Long, CancellationToken.None);
        await store.ReleaseAsync(first!, CancellationToken.None);
        var second = await store.TryAcquireAsync("a", "i2", Long, CancellationToken.None);

        Assert.Equal(("i1", 1L), (first!.Owner, first.Token));
        Assert.Null(refused);
        Assert.Equal(("i2", 2L), (second!.Owner, second.Token));
    }

    [Fact]
    public async Task TryAcquire_LeaseExpired_AnotherTakesItAndTheOldRenewalIsRefused()
    {
        var old = await store.TryAcquireAsync("a", "i1", TimeSpan.FromMilliseconds(50), CancellationToken.None);
        await Task.Delay(200);

        var taken = await store.TryAcquireAsync("a", "i2", Long, CancellationToken.None);
        var renewed = await store.RenewAsync([old!], Long, CancellationToken.None);

        Assert.Equal(2, taken!.Token);
        Assert.Empty(renewed);
        Assert.Equal([taken], (await store.ReadAsync(CancellationToken.None)).Leases);
    }

    [Fact]
    public async Task TryAcquire_ManyInstancesAtOnce_ExactlyOneWins()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => store.TryAcquireAsync("a", $"i{i}", Long, CancellationToken.None))));

        var winner = Assert.Single(attempts, a => a is not null);
        Assert.Equal(1, winner!.Token);
        Assert.Equal([winner], (await store.ReadAsync(CancellationToken.None)).Leases);
    }

    [Fact]
    public async Task Renew_SeveralLeasesOneLost_ReturnsTheOthersWithALaterExpiry()
    {
        var a = await store.TryAcquireAsync("a", "i1", Long, CancellationToken.None);
        var b = await store.TryAcquireAsync("b", "i1", Long, CancellationToken.None);
        await store.ReleaseAsync(b!, CancellationToken.None);
        await store.TryAcquireAsync("b", "i2", Long, CancellationToken.None);

        var renewed = await store.RenewAsync([a!, b!], TimeSpan.FromMinutes(2), CancellationToken.None);

        var kept = Assert.Single(renewed);
        Assert.Equal(("a", 1L), (kept.Account, kept.Token));
        Assert.True(kept.ExpiresAt > a!.ExpiresAt);
    }

    [Fact]
    public async Task Read_HeartbeatsAndALeave_ListsTheLiveInstancesOnly()
    {
        await store.HeartbeatAsync("i1", Long, CancellationToken.None);
        await store.HeartbeatAsync("i2", Long, CancellationToken.None);
        await store.HeartbeatAsync("i3", TimeSpan.FromMilliseconds(1), CancellationToken.None);
        await store.LeaveAsync("i2", CancellationToken.None);
        await Task.Delay(50);

        var table = await store.ReadAsync(CancellationToken.None);

        Assert.Equal(["i1"], table.Instances);
    }

    [Fact]
    public async Task Commit_FenceOfTheLiveLease_Committed()
    {
        var lease = await store.TryAcquireAsync("a", "i1", Long, CancellationToken.None);

        await db.State.CommitAsync("a", Commit(1) with { Fence = lease!.Fence }, CancellationToken.None);

        Assert.Equal(Position(1), (await db.State.GetCursorAsync("a", CancellationToken.None))!.Position);
    }

    [Fact]
    public async Task Commit_FenceOfALeaseTakenOver_RefusedAndNothingWritten()
    {
        var old = await store.TryAcquireAsync("a", "i1", Long, CancellationToken.None);
        await db.State.CommitAsync("a", Commit(1) with { Fence = old!.Fence }, CancellationToken.None);

        // The lease lapses (its owner paused past it), and another instance takes it.
        await db.ExecuteAsync("UPDATE leases SET expires_at = now() WHERE account = 'a'");
        Assert.NotNull(await store.TryAcquireAsync("a", "i2", Long, CancellationToken.None));

        var refused = await Assert.ThrowsAsync<FencedWriteRefusedException>(() => db.State.CommitAsync("a", Commit(2) with { Fence = old.Fence }, CancellationToken.None));

        Assert.Equal(old.Fence, refused.Fence);
        Assert.Equal(Position(1), (await db.State.GetCursorAsync("a", CancellationToken.None))!.Position);
    }

    [Fact]
    public async Task Commit_FenceOfAnExpiredLeaseNobodyTook_Refused()
    {
        var old = await store.TryAcquireAsync("a", "i1", TimeSpan.FromMilliseconds(50), CancellationToken.None);
        await Task.Delay(200);

        await Assert.ThrowsAsync<FencedWriteRefusedException>(() => db.State.CommitAsync("a", Commit(1) with { Fence = old!.Fence }, CancellationToken.None));
        Assert.Null(await db.State.GetCursorAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task History_AcquireRenewReleaseAndTakeover_OneRowPerHoldingEndedWhenItEnded()
    {
        var first = await store.TryAcquireAsync("a", "i1", Long, CancellationToken.None);
        var renewed = Assert.Single(await store.RenewAsync([first!], TimeSpan.FromMinutes(2), CancellationToken.None));
        await store.ReleaseAsync(renewed, CancellationToken.None);
        var second = await store.TryAcquireAsync("a", "i2", Long, CancellationToken.None);

        var rows = await db.QueryAsync("SELECT token, owner, acquired_at <= ended_at, ended_at < now() FROM lease_history WHERE account = 'a' ORDER BY token");

        Assert.Equal([[1L, "i1", true, true], [2L, "i2", true, false]], rows);
        Assert.Equal(2, second!.Token);
    }

    [Fact]
    public async Task History_OwnLeaseTakenAgain_PreviousHoldingEndsWhereTheNextBegins()
    {
        // An instance whose renewal failed takes its own lease again: one owner, two tokens, no overlap in the record.
        var first = await store.TryAcquireAsync("a", "i1", Long, CancellationToken.None);
        var again = await store.TryAcquireAsync("a", "i1", Long, CancellationToken.None);

        var rows = await db.QueryAsync(
            "SELECT token, owner, ended_at <= (SELECT acquired_at FROM lease_history WHERE account = 'a' AND token = 2), ended_at > now() " +
            "FROM lease_history WHERE account = 'a' ORDER BY token");

        Assert.Equal((1L, 2L), (first!.Token, again!.Token));
        Assert.Equal([[1L, "i1", true, false], [2L, "i1", false, true]], rows);
    }

    private static DateTimeOffset Position(int n) => new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(n);

    private static StateCommit Commit(int n) => new(new AccountCursor(Position(n), true, new Dictionary<string, DateTimeOffset>()));
}
