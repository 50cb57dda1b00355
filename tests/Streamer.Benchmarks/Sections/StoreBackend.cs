using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Streamer.Worker.Cluster;
using Streamer.Worker.Cluster.Postgres;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;
using Streamer.Worker.State.Postgres;

namespace Streamer.Benchmarks.Sections;

/// <summary>
/// The state store of one backend opened as the worker opens it: every migration, every commit participant (the
/// outbox, the media queue, passes, filter decisions) and, on PostgreSQL, the lease fence with a lease held, so that
/// each commit pays the fence check a clustered worker pays.
/// </summary>
public sealed class StoreBackend : IAsyncDisposable
{
    private readonly Func<ValueTask> close;
    private readonly Func<Task<long>> size;

    private StoreBackend(string name, IStateStore store, FencingToken? fence, Func<ValueTask> close, Func<Task<long>> size)
    {
        Name = name;
        Store = store;
        Fence = fence;
        this.close = close;
        this.size = size;
    }

    /// <summary>The figures' prefix: <c>store</c> for SQLite (the section's earlier names), <c>store_pg</c> for PostgreSQL.</summary>
    public string Name { get; }

    /// <summary>The store.</summary>
    public IStateStore Store { get; }

    /// <summary>The lease every commit is made under; null without leases (SQLite).</summary>
    public FencingToken? Fence { get; }

    /// <summary>Opens a SQLite state file at <paramref name="path"/>.</summary>
    public static async Task<StoreBackend> OpenSqliteAsync(string path)
    {
        var database = new SqliteStateDatabase(
            Options.Create(new StateOptions { Path = path }),
            [SqliteStateSchema.Migration, SqliteMediaJobSchema.Migration, SqliteStateSchema.SnapshotCutoffMigration, SqliteOutboxSchema.Migration, SqliteStateSchema.PassesMigration, SqliteStateSchema.FiltersMigration, SqliteOutboxSchema.TraceContextMigration],
            TimeProvider.System,
            NullLogger<SqliteStateDatabase>.Instance);
        await database.InitializeAsync(CancellationToken.None);
        var store = new SqliteStateStore(database, [new SqliteOutboxStore(database, TimeProvider.System), new SqliteMediaJobStore(database), new SqlitePassWriter(), new SqliteFilterWriter()]);
        async ValueTask CloseAsync()
        {
            store.Dispose();
            await database.DisposeAsync();
        }

        return new StoreBackend("store", store, fence: null, CloseAsync, () => Task.FromResult(new[] { path, path + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length)));
    }

    /// <summary>Opens the PostgreSQL database of <paramref name="connectionString"/> (empty) and takes the account's lease for an hour.</summary>
    public static async Task<StoreBackend> OpenPostgresAsync(string connectionString, string account)
    {
        var options = new StateOptions { Provider = StateProvider.Postgres, ConnectionString = connectionString };
        var source = PostgresStateRegistration.CreateDataSource(options);
        var database = new PostgresStateDatabase(
            source,
            Options.Create(options),
            [PostgresStateSchema.Migration, PostgresMediaJobSchema.Migration, PostgresOutboxSchema.Migration, PostgresClusterSchema.Migration],
            TimeProvider.System,
            NullLogger<PostgresStateDatabase>.Instance);
        await database.InitializeAsync(CancellationToken.None);
        var lease = await new PostgresLeaseStore(database).TryAcquireAsync(account, "bench-store", TimeSpan.FromHours(1), CancellationToken.None)
            ?? throw new InvalidOperationException("(e) the fresh database refused the bench account's lease.");
        var store = new PostgresStateStore(
            database,
            [new PostgresOutboxStore(database, TimeProvider.System), new PostgresMediaJobStore(database), new PostgresPassWriter(), new PostgresFilterWriter()],
            [new PostgresLeaseFence()]);
        return new StoreBackend("store_pg", store, lease.Fence, source.DisposeAsync, () => database.UseAsync(DatabaseSizeAsync, CancellationToken.None));
    }

    /// <summary>Bytes the backend's data takes: the SQLite file and its WAL, or the PostgreSQL database.</summary>
    public Task<long> SizeAsync() => size();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => close();

    private static async Task<long> DatabaseSizeAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
