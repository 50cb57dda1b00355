using Microsoft.Extensions.Options;
using Streamer.Worker.Detection;
using Streamer.Worker.State;

namespace Streamer.Tests.State;

public sealed class SqliteStateStoreTests : IAsyncLifetime
{
    private readonly string path = Path.Combine(Path.GetTempPath(), $"streamer-test-{Guid.NewGuid():N}", "state.db");
    private SqliteStateStore store = null!;

    public async Task InitializeAsync()
    {
        store = new SqliteStateStore(Options.Create(new StateOptions { Path = path }));
        await store.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await store.DisposeAsync();
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }

    [Fact]
    public async Task Commit_ThenRead_RoundTripsSnapshotsAndCursor()
    {
        var hashes = Enumerable.Range(1, RecordFields.Count).Select(i => (ulong)i * 0x9E3779B97F4A7C15UL).ToArray();
        var snapshot = new RecordSnapshot("r1", "2026-11-24 10:00:00", 1_795_000_000, "read", "👍🏽", 3, hashes);
        var cursor = new AccountCursor(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), true, new Dictionary<string, DateTimeOffset> { ["0"] = DateTimeOffset.UnixEpoch });

        await store.CommitAsync("a", new StateCommit(cursor) { Snapshots = [snapshot] }, CancellationToken.None);
        var read = await store.GetSnapshotsAsync("a", ["r1", "missing"], CancellationToken.None);
        var readCursor = await store.GetCursorAsync("a", CancellationToken.None);

        var got = Assert.Single(read).Value;
        Assert.Equal(snapshot with { FieldHashes = got.FieldHashes }, got);
        Assert.Equal(hashes, got.FieldHashes);
        Assert.Equal(cursor.Position, readCursor!.Position);
        Assert.True(readCursor.SnapshotDone);
        Assert.Equal(DateTimeOffset.UnixEpoch, readCursor.TierRuns["0"]);
    }

    [Fact]
    public async Task GetCursor_OtherAccount_IsNullAndSnapshotsAreSeparate()
    {
        await store.CommitAsync("a", new StateCommit(new AccountCursor(DateTimeOffset.UnixEpoch, false, new Dictionary<string, DateTimeOffset>())) { Snapshots = [new RecordSnapshot("r1", "t", 1, null, null, 1, new ulong[RecordFields.Count])] }, CancellationToken.None);

        Assert.Null(await store.GetCursorAsync("b", CancellationToken.None));
        Assert.Empty(await store.GetSnapshotsAsync("b", ["r1"], CancellationToken.None));
    }

    [Fact]
    public async Task Prune_OldRecords_AreForgotten()
    {
        var cursor = new AccountCursor(DateTimeOffset.UnixEpoch, true, new Dictionary<string, DateTimeOffset>());
        await store.CommitAsync("a", new StateCommit(cursor) { Snapshots = [Snap("old", 100), Snap("new", 200)] }, CancellationToken.None);

        var pruned = await store.PruneAsync("a", DateTimeOffset.FromUnixTimeSeconds(150), CancellationToken.None);

        Assert.Equal(1, pruned);
        Assert.Equal(1, await store.CountAsync("a", CancellationToken.None));
        Assert.Equal(["new"], (await store.GetSnapshotsAsync("a", ["old", "new"], CancellationToken.None)).Keys);
    }

    [Fact]
    public async Task Reopen_AfterCommit_StateSurvives()
    {
        await store.CommitAsync("a", new StateCommit(new AccountCursor(DateTimeOffset.FromUnixTimeSeconds(5), true, new Dictionary<string, DateTimeOffset>())) { Snapshots = [Snap("r", 5)] }, CancellationToken.None);
        await store.DisposeAsync();

        store = new SqliteStateStore(Options.Create(new StateOptions { Path = path }));
        await store.InitializeAsync(CancellationToken.None);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(5), (await store.GetCursorAsync("a", CancellationToken.None))!.Position);
        Assert.Single(await store.GetSnapshotsAsync("a", ["r"], CancellationToken.None));
    }

    private static RecordSnapshot Snap(string id, long updatedUnix) => new(id, "t", updatedUnix, "sent", null, 1, new ulong[RecordFields.Count]);
}
