using Streamer.Worker.State;

namespace Streamer.Tests.State;

/// <summary>The last pass per account and horizon, written with the commit that ends it and read by <c>streamer state</c>.</summary>
public sealed class SqlitePassWriterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private readonly SqliteStateFile file = new();

    public Task InitializeAsync() => file.OpenAsync();

    public async Task DisposeAsync() => await file.DisposeAsync();

    [Fact]
    public async Task Commit_WithPass_StoresItAndALaterPassOfTheSameHorizonReplacesItWhileOtherHorizonsAreKept()
    {
        var firstDay = new PassSummary("1d", Now.AddMinutes(-9), TimeSpan.FromMilliseconds(9_812), 97, 4_000);
        var firstQuarter = new PassSummary("15m", Now.AddMinutes(-8), TimeSpan.FromMilliseconds(1_204), 11, 120);
        var secondQuarter = new PassSummary("15m", Now.AddMinutes(-1), TimeSpan.FromMilliseconds(2_501), 13, 140);

        await CommitAsync("a", firstDay);
        await CommitAsync("a", firstQuarter);
        var before = await PassesAsync("a");
        await CommitAsync("a", secondQuarter);
        var after = await PassesAsync("a");

        Assert.Equal([firstQuarter, firstDay], before);
        Assert.Equal([secondQuarter, firstDay], after);
    }

    [Fact]
    public async Task Commit_WithoutPass_LeavesThePassesAlone()
    {
        var pass = new PassSummary("incremental", Now, TimeSpan.FromMilliseconds(350), 1, 3);
        await CommitAsync("a", pass);

        await CommitAsync("a", pass: null);

        Assert.Equal([pass], await PassesAsync("a"));
    }

    [Fact]
    public async Task Commit_SameHorizonOnTwoAccounts_KeepsEachAccountsOwn()
    {
        var a = new PassSummary("snapshot", Now.AddMinutes(-2), TimeSpan.FromSeconds(75), 300, 12_000);
        var b = new PassSummary("snapshot", Now, TimeSpan.FromSeconds(3), 5, 40);

        await CommitAsync("a", a);
        await CommitAsync("b", b);

        Assert.Equal([a], await PassesAsync("a"));
        Assert.Equal([b], await PassesAsync("b"));
    }

    [Fact]
    public async Task Commit_LaterParticipantThrows_StoresNoPass()
    {
        await file.CloseAsync();
        await using var database = file.CreateDatabase();
        await database.InitializeAsync(CancellationToken.None);
        using var store = new SqliteStateStore(database, [new SqlitePassWriter(), new FailingCommitParticipant()]);
        var commit = new StateCommit(new AccountCursor(Now, true, new Dictionary<string, DateTimeOffset>())) { Pass = new PassSummary("7d", Now, TimeSpan.FromSeconds(1), 2, 3) };

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CommitAsync("a", commit, CancellationToken.None));

        Assert.Empty(file.Query("SELECT account FROM passes"));
    }

    private Task CommitAsync(string account, PassSummary? pass) =>
        file.State.CommitAsync(account, new StateCommit(new AccountCursor(Now, true, new Dictionary<string, DateTimeOffset>())) { Pass = pass }, CancellationToken.None);

    private async Task<IReadOnlyList<PassSummary>> PassesAsync(string account) =>
        (await SqliteStateReader.ReadAsync(file.Path, CancellationToken.None)).Single(s => s.Account == account).Passes;
}
