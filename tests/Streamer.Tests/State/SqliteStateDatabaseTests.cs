using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Streamer.Worker.Media;
using Streamer.Worker.State;

namespace Streamer.Tests.State;

/// <summary>What only the SQLite backend has: the file, its lock and its schema versions.</summary>
public sealed partial class SqliteStateDatabaseTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private readonly SqliteStateFile file = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await file.DisposeAsync();

    [Fact]
    public async Task Initialize_NewFile_RecordsEachMigrationWithItsTimeAndUsesWal()
    {
        await using (var database = file.CreateDatabase(time: new FakeTimeProvider(Now)))
        {
            await database.InitializeAsync(CancellationToken.None);
        }

        var rows = file.Query("SELECT version, description, applied_unix_ms FROM schema_version ORDER BY version");

        Assert.Equal(
            SqliteStateFile.Migrations.Select(m => new object[] { (long)m.Version, m.Description, Now.ToUnixTimeMilliseconds() }),
            rows);
        Assert.Equal("wal", file.Query("PRAGMA journal_mode").Single()[0]);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Initialize_UnversionedFileOfAnEarlierWorker_UpgradesKeepingItsData(bool withMediaQueue)
    {
        LegacyStateFile.Create(file, withMediaQueue);

        await file.OpenAsync();

        var snapshot = (await file.State.GetSnapshotsAsync(LegacyStateFile.Account, [LegacyStateFile.Snapshot.RecordId], CancellationToken.None)).Values.Single();
        Assert.Equal(LegacyStateFile.Snapshot, snapshot with { FieldHashes = LegacyStateFile.Snapshot.FieldHashes });
        Assert.Equal(LegacyStateFile.Snapshot.FieldHashes, snapshot.FieldHashes);
        var cursor = await file.State.GetCursorAsync(LegacyStateFile.Account, CancellationToken.None);
        Assert.Equal(LegacyStateFile.Cursor.Position, cursor!.Position);
        Assert.Equal(LegacyStateFile.Cursor.TierRuns["0"], Assert.Single(cursor.TierRuns).Value);
        var jobs = await file.MediaJobs.GetDueAsync(Now, 10, CancellationToken.None);
        Assert.Equal(withMediaQueue ? [(LegacyStateFile.Job, 3)] : Array.Empty<(MediaJob, int)>(), jobs.Select(j => (j.Job, j.Attempts)));
        Assert.Equal(SqliteStateFile.Migrations.Select(m => (object)(long)m.Version), file.Query("SELECT version FROM schema_version ORDER BY version").Select(r => r[0]));
    }

    [Fact]
    public async Task Initialize_NewFile_VersionsOneAndTwoCreateTheTablesAndIndexesExactlyAsEarlierWorkersDid()
    {
        var earlier = new SqliteStateFile();
        await using (earlier)
        {
            LegacyStateFile.Create(earlier, withMediaQueue: true);
            await using (var database = file.CreateDatabase(SqliteStateFile.Migrations.Take(2)))
            {
                await database.InitializeAsync(CancellationToken.None);
            }

            Assert.Equal(Schema(earlier), Schema(file));
        }
    }

    [Fact]
    public async Task Initialize_VersionFourFile_GainsThePassesTableKeepingItsData()
    {
        var cursor = new AccountCursor(Now, true, new Dictionary<string, DateTimeOffset>());
        await using (var database = file.CreateDatabase(SqliteStateFile.Migrations.Where(m => m.Version <= 4)))
        {
            await database.InitializeAsync(CancellationToken.None);
            using var store = new SqliteStateStore(database, []);
            await store.CommitAsync("a", new StateCommit(cursor), CancellationToken.None);
        }

        Assert.Empty(file.Query("SELECT name FROM sqlite_master WHERE name = 'passes'"));

        await file.OpenAsync();
        var pass = new PassSummary("1d", Now, TimeSpan.FromMilliseconds(9_812), 97, 4_000);
        await file.State.CommitAsync("a", new StateCommit(cursor) { Pass = pass }, CancellationToken.None);

        Assert.Equal(
            ["account", "horizon", "finished_unix_ms", "duration_ms", "requests", "records"],
            file.Query("SELECT name FROM pragma_table_info('passes') ORDER BY cid").Select(r => (string)r[0]));
        Assert.Equal(["account", "horizon"], file.Query("SELECT name FROM pragma_table_info('passes') WHERE pk > 0 ORDER BY pk").Select(r => (string)r[0]));
        Assert.Equal((long)SqliteStateReader.KnownSchemaVersion, file.Query("SELECT MAX(version) FROM schema_version").Single()[0]);
        Assert.Equal(cursor.Position, (await file.State.GetCursorAsync("a", CancellationToken.None))!.Position);
        Assert.Equal(pass, Assert.Single(Assert.Single(await SqliteStateReader.ReadAsync(file.Path, CancellationToken.None)).Passes));
    }

    [Fact]
    public async Task Initialize_NewerSchemaVersion_RefusesAndLeavesTheFileAsItWas()
    {
        await file.OpenAsync();
        await file.CloseAsync();
        var known = SqliteStateFile.Migrations.Count;
        file.Execute($"INSERT INTO schema_version VALUES ({known + 1}, 'from a newer worker', 0)");
        var before = SHA256.HashData(File.ReadAllBytes(file.Path));

        var refused = await Assert.ThrowsAsync<StateSchemaTooNewException>(file.OpenAsync);

        Assert.Equal((known + 1, known), (refused.Version, refused.KnownVersion));
        Assert.Contains($"schema version {known + 1}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Run that newer Streamer", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(file.Path)));

        // The refusal let go of the lock: the newer worker can open the file again.
        await using var newer = file.CreateDatabase([.. SqliteStateFile.Migrations, new SqliteMigration(SqliteStateFile.Migrations.Count + 1, "from a newer worker", "SELECT 1")]);
        await newer.InitializeAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Initialize_SecondDatabaseOnTheSameFile_ThrowsStateLockedAndTheFirstKeepsWorking()
    {
        await file.OpenAsync();
        await using var second = file.CreateDatabase();

        var locked = await Assert.ThrowsAsync<StateLockedException>(() => second.InitializeAsync(CancellationToken.None));

        Assert.Contains(file.Path, locked.Message, StringComparison.Ordinal);
        await file.State.CommitAsync("a", new StateCommit(new AccountCursor(Now, true, new Dictionary<string, DateTimeOffset>())), CancellationToken.None);
        Assert.NotNull(await file.State.GetCursorAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task Initialize_Twice_Throws()
    {
        await using var database = file.CreateDatabase();
        await database.InitializeAsync(CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.InitializeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Store_BeforeInitialize_ThrowsNotInitialized()
    {
        await using var database = file.CreateDatabase();
        using var store = new SqliteStateStore(database, []);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.CountAsync("a", CancellationToken.None));

        Assert.Contains("not initialized", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 2, 2)]
    [InlineData(1, 3)]
    [InlineData(2)]
    [InlineData]
    public void Create_MigrationsNotNumberedOneTwoThree_Throws(params int[] versions) =>
        Assert.Throws<InvalidOperationException>(() => file.CreateDatabase(versions.Select(v => new SqliteMigration(v, $"m{v}", "SELECT 1"))));

    [Fact]
    public async Task Initialize_MigrationFails_KeepsTheEarlierOnesAndNothingOfTheFailedOne()
    {
        var failing = new SqliteMigration(SqliteStateFile.Migrations.Count + 1, "fails half-way", "CREATE TABLE half (x INTEGER); INSERT INTO no_such_table VALUES (1);");
        await using (var database = file.CreateDatabase([.. SqliteStateFile.Migrations, failing]))
        {
            await Assert.ThrowsAsync<SqliteException>(() => database.InitializeAsync(CancellationToken.None));
        }

        Assert.Equal(SqliteStateFile.Migrations.Select(m => (object)(long)m.Version), file.Query("SELECT version FROM schema_version ORDER BY version").Select(r => r[0]));
        Assert.Empty(file.Query("SELECT name FROM sqlite_master WHERE name = 'half'"));
        await file.OpenAsync();
        Assert.Equal(0, await file.MediaJobs.CountAsync(CancellationToken.None));
    }

    // The schema of the worker's tables, whitespace aside: what sqlite_master keeps of their statements.
    private static List<string> Schema(SqliteStateFile of) =>
        [.. of.Query("SELECT type, name, sql FROM sqlite_master WHERE name <> 'schema_version' ORDER BY type, name")
            .Select(r => $"{r[0]} {r[1]}: {Whitespace().Replace(r[2] as string ?? "-", " ")}")];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
