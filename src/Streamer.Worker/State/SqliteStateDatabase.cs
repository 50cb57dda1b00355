using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Streamer.Worker.State;

/// <summary>
/// The SQLite state file (WAL) and its one connection: opened, locked against a second worker and migrated
/// once by <see cref="StateStoreInitializer"/>, then shared by the stores through <see cref="ReadAsync"/> and
/// <see cref="WriteAsync"/>, one caller at a time. SQLite has one writer anyway, and the reads are
/// primary-key lookups on prepared statements, so the single connection is not the bottleneck.
/// </summary>
public sealed class SqliteStateDatabase : IStateDatabase, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SqliteMigrator migrator;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly bool migrateAtStart;
    private FileStream? lockFile;
    private SqliteConnection? connection;
    private bool initialized;

    /// <summary>Prepares the database on the configured file; <see cref="InitializeAsync"/> opens it.</summary>
    /// <exception cref="InvalidOperationException">The migrations are not numbered 1, 2, 3… without gaps or duplicates.</exception>
    public SqliteStateDatabase(IOptions<StateOptions> options, IEnumerable<SqliteMigration> migrations, TimeProvider time, ILogger<SqliteStateDatabase> logger)
    {
        Path = System.IO.Path.GetFullPath(options.Value.Path);
        migrator = new SqliteMigrator(migrations);
        migrateAtStart = options.Value.MigrateAtStart;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The state file.</summary>
    public string Path { get; }

    /// <summary>The schema version this worker brings files to.</summary>
    public int SchemaVersion => migrator.LatestVersion;

    /// <summary>Locks and opens the file and applies the migrations it lacks (with <c>State:MigrateAtStart</c> false: checks it needs none).</summary>
    /// <exception cref="StateLockedException">Another worker holds the file.</exception>
    /// <exception cref="StateSchemaTooNewException">A newer worker upgraded the file; it is left as it is.</exception>
    /// <exception cref="StateSchemaTooOldException">MigrateAtStart is false and the file needs <c>streamer migrate</c>.</exception>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (initialized)
        {
            throw new InvalidOperationException("The state database is initialized once, by StateStoreInitializer.");
        }

        initialized = true;
        (connection, lockFile) = await OpenAsync(migrateAtStart, cancellationToken).ConfigureAwait(false);
        Log.StateOpened(logger, Path, migrator.LatestVersion);
    }

    /// <inheritdoc />
    /// <exception cref="StateLockedException">A worker holds the file: it migrates the file itself when it starts.</exception>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        var (open, locked) = await OpenAsync(migrate: true, cancellationToken).ConfigureAwait(false);
        await open.DisposeAsync().ConfigureAwait(false);
        await locked.DisposeAsync().ConfigureAwait(false);
        return migrator.LatestVersion;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a read transaction, one caller at a time: the reads agree with each
    /// other, and a batch of lookups takes SQLite's file locks once rather than once per lookup.
    /// </summary>
    public Task<T> ReadAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        RunAsync(work, write: false, cancellationToken);

    /// <summary>Runs <paramref name="work"/> in a write transaction, one caller at a time; committed when it returns, rolled back when it throws.</summary>
    public Task<T> WriteAsync<T>(Func<SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        RunAsync(work, write: true, cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        connection?.Dispose();
        connection = null;
        lockFile?.Dispose();
        lockFile = null;
        gate.Dispose();
    }

    private async Task<T> RunAsync<T>(Func<SqliteTransaction, T> work, bool write, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var open = connection ?? throw new InvalidOperationException("The state database is not initialized: StateStoreInitializer opens it when the host starts.");

            // Immediate for writes: the write lock is taken up front, not half-way through the work.
            using var transaction = open.BeginTransaction(deferred: !write);
            var result = work(transaction);
            if (write)
            {
                transaction.Commit();
            }

            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    // Locks, opens and migrates (or checks) the file; the caller owns both on return.
    private async Task<(SqliteConnection Connection, FileStream Lock)> OpenAsync(bool migrate, CancellationToken cancellationToken)
    {
        // Message data: a folder and file this worker creates are its user's only (SQLite gives -wal and -shm the file's mode).
        OwnerOnlyFiles.CreateFolder(System.IO.Path.GetDirectoryName(Path)!);
        var locked = AcquireLock(Path);
        OwnerOnlyFiles.CreateEmptyFile(Path);
        var open = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        try
        {
            await open.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(open, "PRAGMA busy_timeout = 5000", cancellationToken).ConfigureAwait(false);

            // Read before anything is written: a newer worker's file stays exactly as that worker left it.
            var version = await SqliteMigrator.ReadVersionAsync(open, transaction: null, cancellationToken).ConfigureAwait(false);
            if (version > migrator.LatestVersion)
            {
                throw new StateSchemaTooNewException(Path, version, migrator.LatestVersion);
            }

            if (!migrate && version < migrator.LatestVersion)
            {
                throw new StateSchemaTooOldException($"file {Path}", version, migrator.LatestVersion);
            }

            await ExecuteAsync(open, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;", cancellationToken).ConfigureAwait(false);
            foreach (var migration in migrator.PendingAfter(version))
            {
                await SqliteMigrator.ApplyAsync(open, migration, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                Log.StateMigrated(logger, Path, migration.Version, migration.Description);
            }
        }
        catch
        {
            await open.DisposeAsync().ConfigureAwait(false);
            await locked.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return (open, locked);
    }

    // An exclusive lock on a companion file (flock on Linux), released by the OS if the process dies.
    private static FileStream AcquireLock(string path)
    {
        try
        {
            return new FileStream(path + ".lock", OwnerOnlyFiles.Creating(new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None }));
        }
        catch (IOException)
        {
            throw new StateLockedException(path);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
