using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Streamer.Worker.Detection;
using Streamer.Worker.Media;

namespace Streamer.Worker.State;

/// <summary>
/// SQLite state in one file (WAL). One connection guarded by a semaphore: SQLite has one writer anyway, and
/// every read is a primary-key lookup on a prepared statement, so this is not the bottleneck.
/// </summary>
public sealed class SqliteStateStore : IStateStore, IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly string path;
    private FileStream? lockFile;
    private SqliteConnection? connection;
    private SqliteCommand? select;
    private SqliteCommand? upsert;

    /// <summary>Creates the store on the configured file.</summary>
    public SqliteStateStore(IOptions<StateOptions> options) => path = Path.GetFullPath(options.Value.Path);

    /// <summary>Opens and locks the file and creates the schema if needed.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (connection is not null)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            lockFile = AcquireLock(path);
            var open = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
            await open.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(open, """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                PRAGMA busy_timeout = 5000;
                CREATE TABLE IF NOT EXISTS records (
                    account TEXT NOT NULL,
                    record_id TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    updated_unix INTEGER NOT NULL,
                    status TEXT NULL,
                    emoji TEXT NULL,
                    version INTEGER NOT NULL,
                    hashes BLOB NOT NULL,
                    PRIMARY KEY (account, record_id)) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS records_updated ON records (account, updated_unix);
                CREATE TABLE IF NOT EXISTS cursors (
                    account TEXT NOT NULL PRIMARY KEY,
                    position_unix_ms INTEGER NOT NULL,
                    snapshot_done INTEGER NOT NULL,
                    tiers TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS media_jobs (
                    account TEXT NOT NULL,
                    record_id TEXT NOT NULL,
                    job TEXT NOT NULL,
                    due_unix_ms INTEGER NOT NULL,
                    attempts INTEGER NOT NULL,
                    outcome TEXT NULL,
                    PRIMARY KEY (account, record_id)) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS media_jobs_due ON media_jobs (due_unix_ms);
                """, cancellationToken).ConfigureAwait(false);

            select = open.CreateCommand();
            select.CommandText = "SELECT updated_at, updated_unix, status, emoji, version, hashes FROM records WHERE account = $a AND record_id = $r";
            select.Parameters.Add("$a", SqliteType.Text);
            select.Parameters.Add("$r", SqliteType.Text);
            select.Prepare();

            upsert = open.CreateCommand();
            upsert.CommandText = """
                INSERT INTO records (account, record_id, updated_at, updated_unix, status, emoji, version, hashes)
                VALUES ($a, $r, $u, $uu, $s, $e, $v, $h)
                ON CONFLICT (account, record_id) DO UPDATE SET updated_at = $u, updated_unix = $uu, status = $s, emoji = $e, version = $v, hashes = $h
                """;
            foreach (var name in new[] { "$a", "$r", "$u", "$uu", "$s", "$e", "$v", "$h" })
            {
                upsert.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            upsert.Prepare();
            connection = open;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<AccountCursor?> GetCursorAsync(string account, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = Connection.CreateCommand();
            command.CommandText = "SELECT position_unix_ms, snapshot_done, tiers FROM cursors WHERE account = $a";
            command.Parameters.AddWithValue("$a", account);
            using var reader = command.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var tiers = JsonSerializer.Deserialize(reader.GetString(2), WorkerJsonContext.Default.DictionaryStringDateTimeOffset) ?? [];
            return new AccountCursor(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetInt64(1) != 0, tiers);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, RecordSnapshot>> GetSnapshotsAsync(
        string account, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, RecordSnapshot>(recordIds.Count, StringComparer.Ordinal);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One read transaction for the batch: outside one, every lookup takes and drops SQLite's file
            // locks (fcntl system calls) on its own.
            using var transaction = Connection.BeginTransaction(deferred: true);
            var command = select!;
            command.Transaction = transaction;
            command.Parameters[0].Value = account;
            foreach (var id in recordIds)
            {
                command.Parameters[1].Value = id;
                using var reader = command.ExecuteReader();
                if (reader.Read())
                {
                    found[id] = new RecordSnapshot(
                        id,
                        reader.GetString(0),
                        reader.GetInt64(1),
                        reader.IsDBNull(2) ? null : reader.GetString(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.GetInt64(4),
                        ReadHashes((byte[])reader.GetValue(5)));
                }
            }

            command.Transaction = null;
        }
        finally
        {
            gate.Release();
        }

        return found;
    }

    /// <inheritdoc />
    public async Task CommitAsync(string account, StateCommit commit, CancellationToken cancellationToken)
    {
        var (cursor, snapshots, mediaJobs) = (commit.Cursor, commit.Snapshots, commit.MediaJobs);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var transaction = Connection.BeginTransaction();
            var command = upsert!;
            command.Transaction = transaction;
            command.Parameters[0].Value = account;
            foreach (var s in snapshots)
            {
                command.Parameters[1].Value = s.RecordId;
                command.Parameters[2].Value = s.UpdatedAt;
                command.Parameters[3].Value = s.UpdatedAtUnix;
                command.Parameters[4].Value = (object?)s.Status ?? DBNull.Value;
                command.Parameters[5].Value = (object?)s.Emoji ?? DBNull.Value;
                command.Parameters[6].Value = s.Version;
                command.Parameters[7].Value = WriteHashes(s.FieldHashes);
                command.ExecuteNonQuery();
            }

            using (var save = Connection.CreateCommand())
            {
                save.Transaction = transaction;
                save.CommandText = """
                    INSERT INTO cursors (account, position_unix_ms, snapshot_done, tiers) VALUES ($a, $p, $s, $t)
                    ON CONFLICT (account) DO UPDATE SET position_unix_ms = $p, snapshot_done = $s, tiers = $t
                    """;
                save.Parameters.AddWithValue("$a", account);
                save.Parameters.AddWithValue("$p", cursor.Position.ToUnixTimeMilliseconds());
                save.Parameters.AddWithValue("$s", cursor.SnapshotDone ? 1 : 0);
                save.Parameters.AddWithValue("$t", JsonSerializer.Serialize(new Dictionary<string, DateTimeOffset>(cursor.TierRuns), WorkerJsonContext.Default.DictionaryStringDateTimeOffset));
                save.ExecuteNonQuery();
            }

            if (mediaJobs.Count > 0)
            {
                SqliteMediaJobStore.Insert(Connection, transaction, mediaJobs);
            }

            transaction.Commit();
            command.Transaction = null;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<int> PruneAsync(string account, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = Connection.CreateCommand();
            command.CommandText = "DELETE FROM records WHERE account = $a AND updated_unix < $t";
            command.Parameters.AddWithValue("$a", account);
            command.Parameters.AddWithValue("$t", olderThan.ToUnixTimeSeconds());
            return command.ExecuteNonQuery();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(string account, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = Connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM records WHERE account = $a";
            command.Parameters.AddWithValue("$a", account);
            return (long)command.ExecuteScalar()!;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Runs <paramref name="work"/> on the store's connection, one caller at a time.</summary>
    internal async Task<T> WithConnectionAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return work(Connection);
        }
        finally
        {
            gate.Release();
        }
    }

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
        select?.Dispose();
        upsert?.Dispose();
        connection?.Dispose();
        connection = null;
        lockFile?.Dispose();
        lockFile = null;
        gate.Dispose();
    }

    // An exclusive lock on a companion file (flock on Linux), released by the OS if the process dies.
    private static FileStream AcquireLock(string path)
    {
        try
        {
            return new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new StateLockedException(path);
        }
    }

    private SqliteConnection Connection => connection ?? throw new InvalidOperationException("The state store is not initialized.");

    private static async Task ExecuteAsync(SqliteConnection c, string sql, CancellationToken cancellationToken)
    {
        using var command = c.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static byte[] WriteHashes(ulong[] hashes)
    {
        var bytes = new byte[hashes.Length * sizeof(ulong)];
        for (var i = 0; i < hashes.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * sizeof(ulong)), hashes[i]);
        }

        return bytes;
    }

    private static ulong[] ReadHashes(byte[] bytes)
    {
        // A snapshot written with fewer tracked fields (an older version) compares as changed in the new ones.
        var hashes = new ulong[RecordFields.Count];
        for (var i = 0; i < hashes.Length && (i + 1) * sizeof(ulong) <= bytes.Length; i++)
        {
            hashes[i] = BitConverter.ToUInt64(bytes, i * sizeof(ulong));
        }

        return hashes;
    }
}
