using System.Text.Json;
using Microsoft.Data.Sqlite;
using Streamer.Worker.Detection;

namespace Streamer.Worker.State;

/// <summary>
/// Records and cursors in the SQLite state file (tables of <see cref="SqliteStateSchema"/>). The hot
/// statements are prepared once on the database's connection; a commit writes the snapshots, the cursor
/// and every <see cref="ISqliteCommitParticipant"/>'s part in one transaction.
/// </summary>
public sealed class SqliteStateStore : IStateStore, IDisposable
{
    private const string SelectSnapshot = "SELECT updated_at, updated_unix, status, emoji, version, hashes FROM records WHERE account = $a AND record_id = $r";
    private const string UpsertSnapshot = """
        INSERT INTO records (account, record_id, updated_at, updated_unix, status, emoji, version, hashes)
        VALUES ($a, $r, $u, $uu, $s, $e, $v, $h)
        ON CONFLICT (account, record_id) DO UPDATE SET updated_at = $u, updated_unix = $uu, status = $s, emoji = $e, version = $v, hashes = $h
        """;

    private const string SelectCursor = "SELECT position_unix_ms, snapshot_done, tiers, snapshot_cutoff_unix_ms FROM cursors WHERE account = $a";
    private const string UpsertCursor = """
        INSERT INTO cursors (account, position_unix_ms, snapshot_done, tiers, snapshot_cutoff_unix_ms) VALUES ($a, $p, $s, $t, $c)
        ON CONFLICT (account) DO UPDATE SET position_unix_ms = $p, snapshot_done = $s, tiers = $t, snapshot_cutoff_unix_ms = $c
        """;

    private readonly SqliteStateDatabase database;
    private readonly ISqliteCommitParticipant[] participants;

    // Prepared on first use, under the database's gate, and reused: compiling costs more than a lookup.
    private SqliteCommand? selectSnapshot;
    private SqliteCommand? upsertSnapshot;
    private SqliteCommand? selectCursor;
    private SqliteCommand? upsertCursor;

    /// <summary>Creates the store on <paramref name="database"/>; <paramref name="participants"/> write their parts of each commit.</summary>
    public SqliteStateStore(SqliteStateDatabase database, IEnumerable<ISqliteCommitParticipant> participants)
    {
        this.database = database;
        this.participants = [.. participants];
    }

    /// <inheritdoc />
    public Task<AccountCursor?> GetCursorAsync(string account, CancellationToken cancellationToken) =>
        database.ReadAsync(
            transaction =>
            {
                var command = Prepared(ref selectCursor, transaction, SelectCursor, "$a");
                command.Parameters[0].Value = account;
                using var reader = command.ExecuteReader();
                if (!reader.Read())
                {
                    return null;
                }

                var tiers = JsonSerializer.Deserialize(reader.GetString(2), WorkerJsonContext.Default.DictionaryStringDateTimeOffset) ?? [];
                return new AccountCursor(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetInt64(1) != 0, tiers)
                {
                    SnapshotCutoff = reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                };
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, RecordSnapshot>> GetSnapshotsAsync(string account, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyDictionary<string, RecordSnapshot>>(
            transaction =>
            {
                var found = new Dictionary<string, RecordSnapshot>(recordIds.Count, StringComparer.Ordinal);
                var command = Prepared(ref selectSnapshot, transaction, SelectSnapshot, "$a", "$r");
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
                            RecordHashes.Read((byte[])reader.GetValue(5)));
                    }
                }

                return found;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task CommitAsync(string account, StateCommit commit, CancellationToken cancellationToken) =>
        database.WriteAsync(
            transaction =>
            {
                var snapshots = Prepared(ref upsertSnapshot, transaction, UpsertSnapshot, "$a", "$r", "$u", "$uu", "$s", "$e", "$v", "$h");
                snapshots.Parameters[0].Value = account;
                foreach (var s in commit.Snapshots)
                {
                    snapshots.Parameters[1].Value = s.RecordId;
                    snapshots.Parameters[2].Value = s.UpdatedAt;
                    snapshots.Parameters[3].Value = s.UpdatedAtUnix;
                    snapshots.Parameters[4].Value = (object?)s.Status ?? DBNull.Value;
                    snapshots.Parameters[5].Value = (object?)s.Emoji ?? DBNull.Value;
                    snapshots.Parameters[6].Value = s.Version;
                    snapshots.Parameters[7].Value = RecordHashes.Write(s.FieldHashes);
                    snapshots.ExecuteNonQuery();
                }

                var cursor = Prepared(ref upsertCursor, transaction, UpsertCursor, "$a", "$p", "$s", "$t", "$c");
                cursor.Parameters[0].Value = account;
                cursor.Parameters[1].Value = commit.Cursor.Position.ToUnixTimeMilliseconds();
                cursor.Parameters[2].Value = commit.Cursor.SnapshotDone ? 1 : 0;
                cursor.Parameters[3].Value = JsonSerializer.Serialize(new Dictionary<string, DateTimeOffset>(commit.Cursor.TierRuns), WorkerJsonContext.Default.DictionaryStringDateTimeOffset);
                cursor.Parameters[4].Value = commit.Cursor.SnapshotCutoff is { } cutoff ? cutoff.ToUnixTimeMilliseconds() : DBNull.Value;
                cursor.ExecuteNonQuery();

                foreach (var participant in participants)
                {
                    participant.Write(transaction, account, commit);
                }

                return commit.Snapshots.Count;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<int> PruneAsync(string account, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        database.WriteAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "DELETE FROM records WHERE account = $a AND updated_unix < $t";
                command.Parameters.AddWithValue("$a", account);
                command.Parameters.AddWithValue("$t", olderThan.ToUnixTimeSeconds());
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<long> CountAsync(string account, CancellationToken cancellationToken) =>
        database.ReadAsync(
            transaction =>
            {
                using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "SELECT COUNT(*) FROM records WHERE account = $a";
                command.Parameters.AddWithValue("$a", account);
                return (long)command.ExecuteScalar()!;
            },
            cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        selectSnapshot?.Dispose();
        upsertSnapshot?.Dispose();
        selectCursor?.Dispose();
        upsertCursor?.Dispose();
    }

    // The cached statement, bound to this transaction; created and compiled on first use.
    private static SqliteCommand Prepared(ref SqliteCommand? cached, SqliteTransaction transaction, string sql, params ReadOnlySpan<string> parameters)
    {
        if (cached is null)
        {
            var command = transaction.Connection!.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Transaction = transaction;
            command.Prepare();
            cached = command;
        }

        cached.Transaction = transaction;
        return cached;
    }
}
