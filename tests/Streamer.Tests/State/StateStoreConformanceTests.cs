using Streamer.Worker.Detection;
using Streamer.Worker.State;

namespace Streamer.Tests.State;

/// <summary>The contract of <see cref="IStateStore"/>: every backend derives from this class and passes it.</summary>
public abstract class StateStoreConformanceTests : StateBackendConformance
{
    [Fact]
    public async Task GetCursor_BeforeFirstCommit_IsNull() =>
        Assert.Null(await State.GetCursorAsync("a", CancellationToken.None));

    [Fact]
    public async Task GetCursor_AfterCommits_ReturnsTheLastCommittedPositionSnapshotDoneAndTierRuns()
    {
        var first = Cursor(1_795_000_000_001, snapshotDone: false, new() { ["0"] = Now });
        var second = Cursor(1_795_000_060_999, snapshotDone: true, new() { ["0"] = Now.AddMinutes(1), ["2"] = Now.AddHours(-3).AddMilliseconds(7) });

        await CommitAsync("a", first);
        var afterFirst = await State.GetCursorAsync("a", CancellationToken.None);
        await CommitAsync("a", second);
        var afterSecond = await State.GetCursorAsync("a", CancellationToken.None);

        AssertCursor(first, afterFirst);
        AssertCursor(second, afterSecond);
    }

    [Fact]
    public async Task GetCursor_WithSnapshotCutoff_ReturnsItAndNullWhereNoneWasSet()
    {
        var cut = Cursor(1_795_000_000_001) with { SnapshotCutoff = DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_123) };

        await CommitAsync("a", cut);
        await CommitAsync("b", Cursor());

        Assert.Equal(cut.SnapshotCutoff, (await State.GetCursorAsync("a", CancellationToken.None))!.SnapshotCutoff);
        Assert.Null((await State.GetCursorAsync("b", CancellationToken.None))!.SnapshotCutoff);
    }

    [Fact]
    public async Task GetSnapshots_AfterCommit_RoundTripsEveryFieldIncludingNullsAndHashes()
    {
        var full = Snapshot("r1", version: 3, status: "read", emoji: "👍🏽");
        var bare = Snapshot("r2", status: null, emoji: null);

        await CommitAsync("a", Cursor(), [full, bare]);
        var read = await State.GetSnapshotsAsync("a", ["r1", "r2"], CancellationToken.None);

        AssertSnapshot(full, read["r1"]);
        AssertSnapshot(bare, read["r2"]);
    }

    [Fact]
    public async Task GetSnapshots_SomeIdsUnknown_ReturnsOnlyTheKnownOnes()
    {
        await CommitAsync("a", Cursor(), [Snapshot("r1"), Snapshot("r3")]);

        var read = await State.GetSnapshotsAsync("a", ["r1", "r2", "r3", "r4"], CancellationToken.None);

        Assert.Equal(["r1", "r3"], read.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Commit_RecordAgain_ReplacesItsSnapshot()
    {
        await CommitAsync("a", Cursor(), [Snapshot("r1", version: 1, status: "sent")]);
        var changed = Snapshot("r1", updatedUnix: 1_795_000_100, version: 2, status: null, emoji: "🎉");

        await CommitAsync("a", Cursor(), [changed]);

        AssertSnapshot(changed, (await State.GetSnapshotsAsync("a", ["r1"], CancellationToken.None))["r1"]);
        Assert.Equal(1, await State.CountAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task Commit_WithMediaJobs_QueuesThemWithTheSnapshotsAndCursor()
    {
        await CommitAsync("a", Cursor(), [Snapshot("r1"), Snapshot("r2")], [Job("r1"), Job("r2")]);

        var due = await MediaJobs.GetDueAsync(Now, 10, CancellationToken.None);

        Assert.Equal([Job("r1"), Job("r2")], due.Select(d => d.Job).OrderBy(j => j.RecordId, StringComparer.Ordinal));
        Assert.Equal(2, await State.CountAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task Commit_FailingInItsLastPart_LeavesNothingAndTheStoreStaysUsable()
    {
        // The job without a record id cannot be stored; it comes after everything else the commit writes.
        var broken = Job("r2") with { RecordId = null! };

        await Assert.ThrowsAnyAsync<Exception>(() => CommitAsync("a", Cursor(), [Snapshot("r1"), Snapshot("r2")], [Job("r1"), broken]));

        Assert.Null(await State.GetCursorAsync("a", CancellationToken.None));
        Assert.Empty(await State.GetSnapshotsAsync("a", ["r1", "r2"], CancellationToken.None));
        Assert.Equal(0, await MediaJobs.CountAsync(CancellationToken.None));
        await CommitAsync("a", Cursor(), [Snapshot("r1")], [Job("r1")]);
        Assert.Single(await State.GetSnapshotsAsync("a", ["r1"], CancellationToken.None));
        Assert.Equal(1, await MediaJobs.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Commit_RecordAlreadyQueued_KeepsItsJobAndProgress()
    {
        await CommitAsync("a", Cursor(), [Snapshot("r1")], [Job("r1")]);
        await MediaJobs.RescheduleAsync(Job("r1"), 2, Now, CancellationToken.None);

        await CommitAsync("a", Cursor(), [Snapshot("r1", version: 2)], [Job("r1") with { Link = "https://media.example.com/other" }]);

        var pending = Assert.Single(await MediaJobs.GetDueAsync(Now, 10, CancellationToken.None));
        Assert.Equal(Job("r1"), pending.Job);
        Assert.Equal(2, pending.Attempts);
    }

    [Fact]
    public async Task Prune_ByUpdatedTime_ForgetsOnlyThatAccountsRecordsUpdatedBefore()
    {
        await CommitAsync("a", Cursor(), [Snapshot("old", updatedUnix: 100), Snapshot("edge", updatedUnix: 150), Snapshot("new", updatedUnix: 200)]);
        await CommitAsync("b", Cursor(), [Snapshot("old", updatedUnix: 100)]);

        var pruned = await State.PruneAsync("a", DateTimeOffset.FromUnixTimeSeconds(150), CancellationToken.None);

        Assert.Equal(1, pruned);
        Assert.Equal(["edge", "new"], (await State.GetSnapshotsAsync("a", ["old", "edge", "new"], CancellationToken.None)).Keys.Order(StringComparer.Ordinal));
        Assert.Single(await State.GetSnapshotsAsync("b", ["old"], CancellationToken.None));
    }

    [Fact]
    public async Task Count_SeveralAccounts_CountsEachAccountsRecords()
    {
        await CommitAsync("a", Cursor(), [Snapshot("r1"), Snapshot("r2"), Snapshot("r3")]);
        await CommitAsync("b", Cursor(), [Snapshot("r1")]);

        Assert.Equal(3, await State.CountAsync("a", CancellationToken.None));
        Assert.Equal(1, await State.CountAsync("b", CancellationToken.None));
        Assert.Equal(0, await State.CountAsync("c", CancellationToken.None));
    }

    [Fact]
    public async Task Accounts_SameRecordIds_KeepTheirOwnSnapshotsAndCursors()
    {
        var ofA = Snapshot("r1", version: 1, status: "sent");
        var ofB = Snapshot("r1", version: 5, status: "read");

        await CommitAsync("a", Cursor(1_000), [ofA]);
        await CommitAsync("b", Cursor(2_000, snapshotDone: false), [ofB]);

        AssertSnapshot(ofA, (await State.GetSnapshotsAsync("a", ["r1"], CancellationToken.None))["r1"]);
        AssertSnapshot(ofB, (await State.GetSnapshotsAsync("b", ["r1"], CancellationToken.None))["r1"]);
        AssertCursor(Cursor(1_000), await State.GetCursorAsync("a", CancellationToken.None));
        AssertCursor(Cursor(2_000, snapshotDone: false), await State.GetCursorAsync("b", CancellationToken.None));
    }

    [Fact]
    public async Task Reopen_AfterCommits_KeepsCursorsSnapshotsAndJobs()
    {
        var cursor = Cursor(1_795_000_000_500, snapshotDone: true, new() { ["1"] = Now });
        var snapshot = Snapshot("r1", emoji: "❤");
        await CommitAsync("a", cursor, [snapshot], [Job("r1")]);

        await ReopenAsync();

        AssertCursor(cursor, await State.GetCursorAsync("a", CancellationToken.None));
        AssertSnapshot(snapshot, (await State.GetSnapshotsAsync("a", ["r1"], CancellationToken.None))["r1"]);
        Assert.Equal(Job("r1"), Assert.Single(await MediaJobs.GetDueAsync(Now, 10, CancellationToken.None)).Job);
    }

    private static void AssertCursor(AccountCursor expected, AccountCursor? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Position, actual.Position);
        Assert.Equal(expected.SnapshotDone, actual.SnapshotDone);
        Assert.Equal(expected.TierRuns.OrderBy(t => t.Key, StringComparer.Ordinal), actual.TierRuns.OrderBy(t => t.Key, StringComparer.Ordinal));
    }

    // Records compare arrays by reference: the hashes are compared by value on their own.
    private static void AssertSnapshot(RecordSnapshot expected, RecordSnapshot actual)
    {
        Assert.Equal(expected, actual with { FieldHashes = expected.FieldHashes });
        Assert.Equal(expected.FieldHashes, actual.FieldHashes);
    }
}
