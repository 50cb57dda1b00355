using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Streamer.Testing;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;
using Streamer.Worker.State.Postgres;

namespace Streamer.Tests.State;

/// <summary>A PostgreSQL database of the test's own, and the PostgreSQL backend on it wired as the worker wires it.</summary>
internal sealed class PostgresStateDb : IAsyncDisposable
{
    private readonly PostgresDatabase database = new();
    private bool created;
    private NpgsqlDataSource? dataSource;

    /// <summary>The worker's migrations, as AddPostgresState registers them.</summary>
    public static IReadOnlyList<PostgresMigration> Migrations { get; } = [PostgresStateSchema.Migration, PostgresMediaJobSchema.Migration, PostgresOutboxSchema.Migration, Worker.Cluster.Postgres.PostgresClusterSchema.Migration];

    public string ConnectionString => database.ConnectionString;

    public PostgresStateDatabase Database { get; private set; } = null!;

    public PostgresStateStore State { get; private set; } = null!;

    public PostgresMediaJobStore MediaJobs { get; private set; } = null!;

    public PostgresOutboxStore Outbox { get; private set; } = null!;

    /// <summary>Creates the empty database.</summary>
    public Task CreateAsync() => database.InitializeAsync();

    /// <summary>A database object on it, not yet initialized, with a data source of its own (closed by <see cref="CloseAsync"/>).</summary>
    public PostgresStateDatabase CreateDatabase(IEnumerable<PostgresMigration>? migrations = null, TimeProvider? time = null, bool migrateAtStart = true)
    {
        var options = new StateOptions { Provider = StateProvider.Postgres, ConnectionString = ConnectionString, MigrateAtStart = migrateAtStart };
        var source = PostgresStateRegistration.CreateDataSource(options);
        (dataSource, var previous) = (source, dataSource);
        previous?.Dispose();
        return new PostgresStateDatabase(source, Options.Create(options), migrations ?? Migrations, time ?? TimeProvider.System, NullLogger<PostgresStateDatabase>.Instance);
    }

    /// <summary>Opens the database and the stores on it, with every commit participant the worker has, and <paramref name="fences"/>.</summary>
    public async Task OpenAsync(params IPostgresCommitFence[] fences)
    {
        Database = CreateDatabase();
        await Database.InitializeAsync(CancellationToken.None);
        MediaJobs = new PostgresMediaJobStore(Database);
        Outbox = new PostgresOutboxStore(Database, TimeProvider.System);
        State = new PostgresStateStore(Database, [Outbox, MediaJobs, new PostgresPassWriter(), new PostgresFilterWriter()], fences);
    }

    /// <summary>
    /// For the conformance suites: creates the database on the first call, then opens it and returns its stores
    /// (a reopen after <see cref="CloseAsync"/> finds what the previous opening wrote).
    /// </summary>
    public async Task<(IStateStore State, IMediaJobStore MediaJobs, IOutboxStore Outbox)> OpenStoresAsync()
    {
        if (!created)
        {
            await CreateAsync();
            created = true;
        }

        await OpenAsync();
        return (State, MediaJobs, Outbox);
    }

    /// <summary>Closes the data source, keeping the database.</summary>
    public async Task CloseAsync()
    {
        if (dataSource is not null)
        {
            await dataSource.DisposeAsync();
            dataSource = null;
        }
    }

    /// <summary>The rows <paramref name="sql"/> returns, each as its columns' values.</summary>
    public async Task<List<object[]>> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Runs <paramref name="sql"/>.</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        await database.DisposeAsync();
    }
}
