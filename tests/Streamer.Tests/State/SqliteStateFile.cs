using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;

namespace Streamer.Tests.State;

/// <summary>A state file in a folder of its own, and the SQLite backend on it wired as the worker wires it.</summary>
internal sealed class SqliteStateFile : IAsyncDisposable
{
    private SqliteStateDatabase? database;

    public SqliteStateFile() => Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"streamer-test-{Guid.NewGuid():N}", "state.db");

    /// <summary>The worker's migrations, as AddStreamerState, AddStreamerMediaArchive and AddStreamerOutbox register them.</summary>
    public static IReadOnlyList<SqliteMigration> Migrations { get; } = [SqliteStateSchema.Migration, SqliteMediaJobSchema.Migration, SqliteStateSchema.SnapshotCutoffMigration, SqliteOutboxSchema.Migration, SqliteStateSchema.PassesMigration, SqliteStateSchema.FiltersMigration, SqliteOutboxSchema.TraceContextMigration];

    public string Path { get; }

    public SqliteStateStore State { get; private set; } = null!;

    public SqliteMediaJobStore MediaJobs { get; private set; } = null!;

    public SqliteOutboxStore Outbox { get; private set; } = null!;

    /// <summary>A database on this file, not yet initialized.</summary>
    public SqliteStateDatabase CreateDatabase(IEnumerable<SqliteMigration>? migrations = null, TimeProvider? time = null)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        return new(Options.Create(new StateOptions { Path = Path }), migrations ?? Migrations, time ?? TimeProvider.System, NullLogger<SqliteStateDatabase>.Instance);
    }

    /// <summary>Opens the database and the stores on it, with every commit participant the worker has.</summary>
    public async Task OpenAsync()
    {
        database = CreateDatabase();
        await database.InitializeAsync(CancellationToken.None);
        MediaJobs = new SqliteMediaJobStore(database);
        Outbox = new SqliteOutboxStore(database, TimeProvider.System);
        State = new SqliteStateStore(database, [MediaJobs, Outbox, new SqlitePassWriter(), new SqliteFilterWriter()]);
    }

    /// <summary>Closes what <see cref="OpenAsync"/> opened, keeping the file.</summary>
    public async Task CloseAsync()
    {
        State?.Dispose();
        if (database is not null)
        {
            await database.DisposeAsync();
            database = null;
        }
    }

    /// <summary>A plain connection to the file, outside the database's lock, to set up or inspect it.</summary>
    public SqliteConnection Connect()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    /// <summary>Runs <paramref name="sql"/> on a plain connection.</summary>
    public void Execute(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>The rows <paramref name="sql"/> returns, each as its columns' values.</summary>
    public List<object[]> Query(string sql)
    {
        using var connection = Connect();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object[]>();
        while (reader.Read())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
