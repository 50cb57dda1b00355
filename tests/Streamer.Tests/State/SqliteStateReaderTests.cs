using Streamer.Worker.State;

namespace Streamer.Tests.State;

public sealed class SqliteStateReaderTests : IAsyncLifetime
{
    private readonly SqliteStateFile file = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await file.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Read_UnversionedFileOfAnEarlierWorker_ReadsItsAccounts(bool withMediaQueue)
    {
        LegacyStateFile.Create(file, withMediaQueue);

        var state = Assert.Single(await SqliteStateReader.ReadAsync(file.Path, CancellationToken.None));

        Assert.Equal((LegacyStateFile.Account, 1L, withMediaQueue ? 1L : 0L), (state.Account, state.TrackedRecords, state.PendingMedia));
        Assert.Equal(LegacyStateFile.Cursor.Position, state.Cursor!.Position);
        Assert.Empty(state.Passes);
    }

    [Fact]
    public async Task Read_FileOfThisWorker_ReadsItWhileTheWorkerHoldsIt()
    {
        await file.OpenAsync();
        await file.State.CommitAsync("a", new StateCommit(new AccountCursor(DateTimeOffset.FromUnixTimeSeconds(10), false, new Dictionary<string, DateTimeOffset>())), CancellationToken.None);

        var state = Assert.Single(await SqliteStateReader.ReadAsync(file.Path, CancellationToken.None));

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(10), state.Cursor!.Position);
        Assert.False(state.Cursor.SnapshotDone);
    }

    [Fact]
    public async Task Read_NewerSchemaVersion_ThrowsSchemaTooNew()
    {
        await file.OpenAsync();
        await file.CloseAsync();
        file.Execute($"INSERT INTO schema_version VALUES ({SqliteStateReader.KnownSchemaVersion + 1}, 'later', 0)");

        var refused = await Assert.ThrowsAsync<StateSchemaTooNewException>(() => SqliteStateReader.ReadAsync(file.Path, CancellationToken.None));

        Assert.Equal(SqliteStateReader.KnownSchemaVersion + 1, refused.Version);
        Assert.Contains(Path.GetFullPath(file.Path), refused.Message, StringComparison.Ordinal);
    }
}
