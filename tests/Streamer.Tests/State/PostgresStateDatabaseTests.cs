using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Streamer.Worker.Cluster;
using Streamer.Worker.Detection;
using Streamer.Worker.Hosting;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;
using Streamer.Worker.State.Postgres;

namespace Streamer.Tests.State;

/// <summary>What only the PostgreSQL backend has: its schema versions, concurrent starts, batches, the fence seam and the reader.</summary>
public sealed class PostgresStateDatabaseTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private readonly PostgresStateDb db = new();

    public Task InitializeAsync() => db.CreateAsync();

    public async Task DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task Initialize_NewDatabase_RecordsEachMigrationWithItsTime()
    {
        await db.CreateDatabase(time: new FakeTimeProvider(Now)).InitializeAsync(CancellationToken.None);

        var rows = await db.QueryAsync("SELECT version, description, applied_unix_ms FROM schema_version ORDER BY version");

        Assert.Equal(PostgresStateDb.Migrations.Select(m => new object[] { m.Version, m.Description, Now.ToUnixTimeMilliseconds() }), rows);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Initialize_DatabaseAtAnOlderVersion_AppliesTheRestKeepingItsData(int olderVersion)
    {
        await db.CreateDatabase(PostgresStateDb.Migrations.Take(olderVersion)).InitializeAsync(CancellationToken.None);
        await db.ExecuteAsync("INSERT INTO cursors VALUES ('a', 1795000000000, true, '{}', NULL); INSERT INTO records VALUES ('a', 'r1', '2026-11-25 02:00:00', 1795000000, 'sent', NULL, 1, '\\x00')");

        await db.OpenAsync();

        Assert.Equal(PostgresStateDb.Migrations.Select(m => (object)m.Version), (await db.QueryAsync("SELECT version FROM schema_version ORDER BY version")).Select(r => r[0]));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_000), (await db.State.GetCursorAsync("a", CancellationToken.None))!.Position);
        Assert.Equal(1, await db.State.CountAsync("a", CancellationToken.None));
        await db.State.CommitAsync("a", new StateCommit(new AccountCursor(Now, true, new Dictionary<string, DateTimeOffset>())) { Outbox = [Entry("a")], MediaJobs = [Job("r1")] }, CancellationToken.None);
        Assert.Equal(1, (await db.Outbox.CountAsync(CancellationToken.None)).Rows);
        Assert.Equal(1, await db.MediaJobs.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Initialize_ServerNotAnswering_RetriesForTheStartupWaitThenStateUnavailable()
    {
        var options = new StateOptions { Provider = StateProvider.Postgres, ConnectionString = "Host=127.0.0.1;Port=1;Username=u;Password=secret-pw;Database=d;Timeout=2", StartupWait = TimeSpan.FromSeconds(3) };
        await using var source = PostgresStateRegistration.CreateDataSource(options);
        var logger = new Media.RecordingLogger<PostgresStateDatabase>();
        var database = new PostgresStateDatabase(source, Options.Create(options), PostgresStateDb.Migrations, TimeProvider.System, logger);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StateUnavailableException>(() => database.InitializeAsync(CancellationToken.None));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(2.5), TimeSpan.FromSeconds(30));
        Assert.Contains("'d' on 127.0.0.1:1 did not answer within State:StartupWait", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-pw", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(logger.Values<string>(162, "Error"));
    }

    [Fact]
    public async Task Initialize_SchemaOfANewerWorker_RefusedWithTheVersionsAndLeftAsItIs()
    {
        await db.OpenAsync();
        var newer = PostgresStateDb.Migrations.Count + 1;
        await db.ExecuteAsync($"INSERT INTO schema_version VALUES ({newer}, 'later', 0)");

        var refused = await Assert.ThrowsAsync<StateSchemaTooNewException>(() => db.CreateDatabase().InitializeAsync(CancellationToken.None));

        Assert.Equal((newer, PostgresStateDb.Migrations.Count), (refused.Version, refused.KnownVersion));
        Assert.Contains($"is at schema version {newer}, newer than this Streamer knows", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(newer, (await db.QueryAsync("SELECT MAX(version) FROM schema_version")).Single()[0]);
        await Assert.ThrowsAsync<StateSchemaTooNewException>(() => PostgresStateReader.ReadAsync(db.ConnectionString, CancellationToken.None));
    }

    [Fact]
    public async Task Initialize_MigrateAtStartOff_RefusesAnOlderSchemaUntilMigrated()
    {
        await db.CreateDatabase(PostgresStateDb.Migrations.Take(1)).InitializeAsync(CancellationToken.None);

        var refused = await Assert.ThrowsAsync<StateSchemaTooOldException>(() => db.CreateDatabase(migrateAtStart: false).InitializeAsync(CancellationToken.None));
        Assert.Equal((1, PostgresStateDb.Migrations.Count), (refused.Version, refused.NeededVersion));
        Assert.Equal(PostgresStateDb.Migrations.Count, await db.CreateDatabase(migrateAtStart: false).MigrateAsync(CancellationToken.None));

        await db.CreateDatabase(migrateAtStart: false).InitializeAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Initialize_SeveralWorkersAtOnce_EachMigrationAppliedOnce()
    {
        var options = new StateOptions { Provider = StateProvider.Postgres, ConnectionString = db.ConnectionString };
        var sources = Enumerable.Range(0, 4).Select(_ => PostgresStateRegistration.CreateDataSource(options)).ToList();
        try
        {
            await Task.WhenAll(sources.Select(source => Task.Run(() =>
                new PostgresStateDatabase(source, Options.Create(options), PostgresStateDb.Migrations, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresStateDatabase>.Instance)
                    .InitializeAsync(CancellationToken.None))));
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }

        Assert.Equal(PostgresStateDb.Migrations.Select(m => (object)m.Version), (await db.QueryAsync("SELECT version FROM schema_version ORDER BY version")).Select(r => r[0]));
    }

    [Fact]
    public async Task Commit_FiveThousandSnapshotsAndEvents_OneTransactionReadBackByOneBatch()
    {
        await db.OpenAsync();
        var snapshots = Enumerable.Range(0, 5_000).Select(i => Snapshot($"r{i}", version: i)).ToList();
        var entries = Enumerable.Range(0, 5_000).Select(_ => Entry("a")).ToList();

        await db.State.CommitAsync("a", new StateCommit(new AccountCursor(Now, true, new Dictionary<string, DateTimeOffset>())) { Snapshots = snapshots, Outbox = entries }, CancellationToken.None);
        var read = await db.State.GetSnapshotsAsync("a", [.. snapshots.Select(s => s.RecordId), "unknown"], CancellationToken.None);

        Assert.Equal(5_000, read.Count);
        Assert.All(snapshots, s =>
        {
            Assert.Equal(s with { FieldHashes = [] }, read[s.RecordId] with { FieldHashes = [] });
            Assert.Equal(s.FieldHashes, read[s.RecordId].FieldHashes);
        });
        Assert.Equal(5_000, await db.State.CountAsync("a", CancellationToken.None));
        Assert.Equal(Enumerable.Range(0, 5_000).Select(i => entries[0].Seq + i), entries.Select(e => e.Seq));
        Assert.Equal(entries.Select(e => e.EventId), (await db.Outbox.ReadAsync(0, 10_000, CancellationToken.None)).Select(e => e.EventId));
    }

    [Fact]
    public async Task Commit_SameRecordTwiceInOneCommit_KeepsTheLast()
    {
        await db.OpenAsync();

        await db.State.CommitAsync("a", new StateCommit(new AccountCursor(Now, true, new Dictionary<string, DateTimeOffset>())) { Snapshots = [Snapshot("r1", version: 1), Snapshot("r1", version: 2)] }, CancellationToken.None);

        Assert.Equal(2, (await db.State.GetSnapshotsAsync("a", ["r1"], CancellationToken.None))["r1"].Version);
    }

    [Fact]
    public async Task Commit_ManyAccountsAtOnce_OutboxNumbersVisibleInTheOrderGiven()
    {
        await db.OpenAsync();
        var seen = new List<long>();
        using var reading = new CancellationTokenSource();

        // A reader that follows "after the highest number seen", as the relay does, must miss nothing.
        var follower = Task.Run(async () =>
        {
            var high = 0L;
            while (!reading.IsCancellationRequested || seen.Count < 8 * 20 * 5)
            {
                foreach (var entry in await db.Outbox.ReadAsync(high, 1_000, CancellationToken.None))
                {
                    seen.Add(entry.Seq);
                    high = entry.Seq;
                }

                if (reading.IsCancellationRequested && (await db.Outbox.CountAsync(CancellationToken.None)).Rows == seen.Count)
                {
                    break;
                }
            }
        });
        await Task.WhenAll(Enumerable.Range(0, 8).Select(a => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await db.State.CommitAsync($"a{a}", new StateCommit(new AccountCursor(Now, true, new Dictionary<string, DateTimeOffset>())) { Outbox = [.. Enumerable.Range(0, 5).Select(_ => Entry($"a{a}"))] }, CancellationToken.None);
            }
        })));
        await reading.CancelAsync();
        await follower.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(8 * 20 * 5, seen.Count);
        Assert.Equal(seen.Order(), seen);
        Assert.Equal(new OutboxDepthReading(8 * 20 * 5, 8 * 20 * 5 * Entry("a").Body.Length), await db.Outbox.CountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Commit_FenceRefuses_NothingOfTheCommitIsWritten()
    {
        await db.OpenAsync(new RefusingFence("a"));
        var cursor = new AccountCursor(Now, true, new Dictionary<string, DateTimeOffset>());

        await Assert.ThrowsAsync<FenceRefusedException>(() => db.State.CommitAsync("a", new StateCommit(cursor) { Snapshots = [Snapshot("r1")], Outbox = [Entry("a")], MediaJobs = [Job("r1")] }, CancellationToken.None));
        await Assert.ThrowsAsync<FenceRefusedException>(() => db.State.PruneAsync("a", Now, CancellationToken.None));
        await db.State.CommitAsync("b", new StateCommit(cursor) { Snapshots = [Snapshot("r1")] }, CancellationToken.None);

        Assert.Null(await db.State.GetCursorAsync("a", CancellationToken.None));
        Assert.Equal(0, await db.State.CountAsync("a", CancellationToken.None));
        Assert.Equal(0, (await db.Outbox.CountAsync(CancellationToken.None)).Rows);
        Assert.Equal(0, await db.MediaJobs.CountAsync(CancellationToken.None));
        Assert.Equal(1, await db.State.CountAsync("b", CancellationToken.None));
    }

    [Fact]
    public async Task Reader_AfterCommits_ReportsEachAccountsCursorCountsPassesAndFilter()
    {
        await db.OpenAsync();
        var cursor = new AccountCursor(Now, false, new Dictionary<string, DateTimeOffset> { ["15m"] = Now.AddMinutes(-1) }) { SnapshotCutoff = Now.AddDays(-1) };
        var pass = new PassSummary("15m", Now, TimeSpan.FromSeconds(3), 4, 9);
        var filter = new FilterDecision(Streamer.Worker.Configuration.TimeFilter.UpdatedAt, FilterBasis.Probed, 3, 0, 1, Now);
        await db.State.CommitAsync("a", new StateCommit(cursor) { Snapshots = [Snapshot("r1"), Snapshot("r2")], Outbox = [Entry("a")], MediaJobs = [Job("r1")], Pass = pass, Filter = filter }, CancellationToken.None);
        await db.State.CommitAsync("b", new StateCommit(cursor), CancellationToken.None);

        var states = await PostgresStateReader.ReadAsync(db.ConnectionString, CancellationToken.None);

        Assert.Equal(["a", "b"], states.Select(s => s.Account));
        var a = states[0];
        Assert.Equal((cursor.Position, cursor.SnapshotDone, cursor.SnapshotCutoff), (a.Cursor!.Position, a.Cursor.SnapshotDone, a.Cursor.SnapshotCutoff));
        Assert.Equal(cursor.TierRuns, a.Cursor.TierRuns);
        Assert.Equal((2L, 1L, 1L), (a.TrackedRecords, a.PendingMedia, a.Outbox));
        Assert.NotNull(a.OutboxOldest);
        Assert.Equal(pass, Assert.Single(a.Passes));
        Assert.Equal(filter, a.Filter);
        Assert.Equal((0L, 0L, 0L), (states[1].TrackedRecords, states[1].PendingMedia, states[1].Outbox));
    }

    [Fact]
    public async Task AddStreamerState_ProviderPostgres_EveryStoreOnPostgreSqlInOneCommit()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["State:Provider"] = "Postgres",
            ["State:ConnectionString"] = db.ConnectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddStreamerState(configuration).AddStreamerMediaArchive(configuration).AddStreamerOutbox(configuration);
        await using var provider = services.BuildServiceProvider();

        await new StateStoreInitializer(provider.GetRequiredService<IStateDatabase>()).StartAsync(CancellationToken.None);
        await provider.GetRequiredService<IStateStore>().CommitAsync("a", new StateCommit(new AccountCursor(Now, true, new Dictionary<string, DateTimeOffset>())) { MediaJobs = [Job("r1")], Outbox = [Entry("a")] }, CancellationToken.None);

        Assert.IsType<PostgresStateStore>(provider.GetRequiredService<IStateStore>());
        Assert.IsType<PostgresMediaJobStore>(provider.GetRequiredService<IMediaJobStore>());
        Assert.IsType<PostgresOutboxStore>(provider.GetRequiredService<IOutboxStore>());
        Assert.Empty(provider.GetServices<ISqliteCommitParticipant>());
        Assert.Empty(provider.GetServices<SqliteMigration>());
        Assert.Equal(4, provider.GetServices<IPostgresCommitParticipant>().Count());
        Assert.Equal(1, await provider.GetRequiredService<IMediaJobStore>().CountAsync(CancellationToken.None));
        Assert.Equal(1, (await provider.GetRequiredService<IOutboxStore>().CountAsync(CancellationToken.None)).Rows);
    }

    [Fact]
    public void CreateBuilder_PostgresMigrations_NumberedInOrderUpToTheVersionTheReaderKnows()
    {
        var migrations = StreamerHost.CreateBuilder(["--State:Provider=Postgres", "--State:ConnectionString=Host=127.0.0.1"]).Services
            .Where(d => d.ServiceType == typeof(PostgresMigration))
            .Select(d => ((PostgresMigration)d.ImplementationInstance!).Version)
            .Order();

        Assert.Equal(Enumerable.Range(1, PostgresStateReader.KnownSchemaVersion), migrations);
    }

    private static RecordSnapshot Snapshot(string id, long version = 1)
    {
        var hashes = new ulong[RecordFields.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = (ulong)(uint)HashCode.Combine(id, version, i) * 0x9E3779B97F4A7C15UL;
        }

        hashes[0] = ulong.MaxValue;
        return new(id, "2026-11-25 02:00:00", 1_795_000_000 + version, version % 2 == 0 ? null : "sent", version % 3 == 0 ? "👍" : null, version, hashes);
    }

    private static OutboxEntry Entry(string account) =>
        new(account, "r1", Guid.NewGuid(), "ChatMessageCreated", "{\"n\":1}"u8.ToArray(), message: null);

    private static MediaJob Job(string recordId) =>
        new() { Account = "a", TenantId = "1", RecordId = recordId, Link = $"https://media.example.com/{recordId}" };

    private sealed class FenceRefusedException(string account) : Exception($"Account {account}: lease lost.");

    // Refuses one account, as a lease the instance lost would; reads inside the transaction, as a real fence does.
    private sealed class RefusingFence(string refused) : IPostgresCommitFence
    {
        public async Task CheckAsync(NpgsqlTransaction transaction, string account, FencingToken? fence, CancellationToken cancellationToken)
        {
            await using var probe = new NpgsqlCommand("SELECT 1", transaction.Connection, transaction);
            await probe.ExecuteScalarAsync(cancellationToken);
            if (account == refused)
            {
                throw new FenceRefusedException(account);
            }
        }
    }
}
