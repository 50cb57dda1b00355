using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Streamer.Worker.Detection;

namespace Streamer.Worker.State.Postgres;

/// <summary>
/// Records and cursors in the PostgreSQL state database (tables of <see cref="PostgresStateSchema"/>).
/// Reads and writes go by batch: a slice's snapshots are read with one <c>= ANY</c> query and written with
/// one <c>unnest</c> upsert. A commit is one transaction: the fences, the snapshots, the cursor and every
/// <see cref="IPostgresCommitParticipant"/>'s part, the outbox last.
/// </summary>
public sealed class PostgresStateStore : IStateStore
{
    private const string SelectSnapshots = "SELECT record_id, updated_at, updated_unix, status, emoji, version, hashes FROM records WHERE account = $1 AND record_id = ANY($2)";
    private const string UpsertSnapshotsSql = """
        INSERT INTO records (account, record_id, updated_at, updated_unix, status, emoji, version, hashes)
        SELECT $1, r, u, uu, s, e, v, h FROM unnest($2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::bigint[], $8::bytea[]) AS t(r, u, uu, s, e, v, h)
        ON CONFLICT (account, record_id) DO UPDATE SET updated_at = EXCLUDED.updated_at, updated_unix = EXCLUDED.updated_unix,
            status = EXCLUDED.status, emoji = EXCLUDED.emoji, version = EXCLUDED.version, hashes = EXCLUDED.hashes
        """;

    private const string SelectCursor = "SELECT position_unix_ms, snapshot_done, tiers, snapshot_cutoff_unix_ms FROM cursors WHERE account = $1";
    private const string UpsertCursorSql = """
        INSERT INTO cursors (account, position_unix_ms, snapshot_done, tiers, snapshot_cutoff_unix_ms) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (account) DO UPDATE SET position_unix_ms = EXCLUDED.position_unix_ms, snapshot_done = EXCLUDED.snapshot_done,
            tiers = EXCLUDED.tiers, snapshot_cutoff_unix_ms = EXCLUDED.snapshot_cutoff_unix_ms
        """;

    private readonly PostgresStateDatabase database;
    private readonly IPostgresCommitFence[] fences;
    private readonly IPostgresCommitParticipant[] participants;

    /// <summary>Creates the store; <paramref name="participants"/> write their parts of each commit, <paramref name="fences"/> may refuse it.</summary>
    public PostgresStateStore(PostgresStateDatabase database, IEnumerable<IPostgresCommitParticipant> participants, IEnumerable<IPostgresCommitFence> fences)
    {
        this.database = database;
        this.fences = [.. fences];

        // The outbox goes last: it serializes committers while it numbers, so that part is kept short.
        this.participants = [.. participants.OrderBy(p => p is Outbox.PostgresOutboxStore ? 1 : 0)];
    }

    /// <inheritdoc />
    public Task<AccountCursor?> GetCursorAsync(string account, CancellationToken cancellationToken) =>
        database.UseAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(SelectCursor, connection);
                command.Parameters.Add(new() { Value = account });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                var tiers = JsonSerializer.Deserialize(reader.GetString(2), WorkerJsonContext.Default.DictionaryStringDateTimeOffset) ?? [];
                return new AccountCursor(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetBoolean(1), tiers)
                {
                    SnapshotCutoff = reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                };
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyDictionary<string, RecordSnapshot>> GetSnapshotsAsync(string account, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken)
    {
        if (recordIds.Count == 0)
        {
            return Task.FromResult<IReadOnlyDictionary<string, RecordSnapshot>>(new Dictionary<string, RecordSnapshot>(StringComparer.Ordinal));
        }

        return database.UseAsync<IReadOnlyDictionary<string, RecordSnapshot>>(
            async connection =>
            {
                await using var command = new NpgsqlCommand(SelectSnapshots, connection);
                command.Parameters.Add(new() { Value = account });
                command.Parameters.Add(new NpgsqlParameter { Value = recordIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
                var found = new Dictionary<string, RecordSnapshot>(recordIds.Count, StringComparer.Ordinal);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var id = reader.GetString(0);
                    found[id] = new RecordSnapshot(
                        id,
                        reader.GetString(1),
                        reader.GetInt64(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.GetInt64(5),
                        RecordHashes.Read(reader.GetFieldValue<byte[]>(6)));
                }

                return found;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task CommitAsync(string account, StateCommit commit, CancellationToken cancellationToken) =>
        database.RunAsync(
            async transaction =>
            {
                foreach (var fence in fences)
                {
                    await fence.CheckAsync(transaction, account, commit.Fence, cancellationToken).ConfigureAwait(false);
                }

                // The snapshots and the cursor in one round trip.
                await using (var batch = new NpgsqlBatch(transaction.Connection, transaction))
                {
                    if (commit.Snapshots.Count > 0)
                    {
                        batch.BatchCommands.Add(UpsertSnapshots(account, commit.Snapshots));
                    }

                    batch.BatchCommands.Add(UpsertCursor(account, commit.Cursor));
                    await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                foreach (var participant in participants)
                {
                    await participant.WriteAsync(transaction, account, commit, cancellationToken).ConfigureAwait(false);
                }

                return commit.Snapshots.Count;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<int> PruneAsync(string account, DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        database.RunAsync(
            async transaction =>
            {
                foreach (var fence in fences)
                {
                    await fence.CheckAsync(transaction, account, null, cancellationToken).ConfigureAwait(false);
                }

                await using var command = new NpgsqlCommand("DELETE FROM records WHERE account = $1 AND updated_unix < $2", transaction.Connection, transaction);
                command.Parameters.Add(new() { Value = account });
                command.Parameters.Add(new() { Value = olderThan.ToUnixTimeSeconds() });
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<long> CountAsync(string account, CancellationToken cancellationToken) =>
        database.UseAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM records WHERE account = $1", connection);
                command.Parameters.Add(new() { Value = account });
                return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            },
            cancellationToken);

    private static NpgsqlBatchCommand UpsertCursor(string account, AccountCursor cursor)
    {
        var command = new NpgsqlBatchCommand(UpsertCursorSql);
        command.Parameters.Add(new() { Value = account });
        command.Parameters.Add(new() { Value = cursor.Position.ToUnixTimeMilliseconds() });
        command.Parameters.Add(new() { Value = cursor.SnapshotDone });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(new Dictionary<string, DateTimeOffset>(cursor.TierRuns), WorkerJsonContext.Default.DictionaryStringDateTimeOffset) });
        command.Parameters.Add(new NpgsqlParameter { Value = cursor.SnapshotCutoff is { } cutoff ? cutoff.ToUnixTimeMilliseconds() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        return command;
    }

    private static NpgsqlBatchCommand UpsertSnapshots(string account, IReadOnlyCollection<RecordSnapshot> snapshots)
    {
        // One row per record: an upsert may not touch a row twice, and the last state given is the one kept.
        var last = new Dictionary<string, RecordSnapshot>(snapshots.Count, StringComparer.Ordinal);
        foreach (var snapshot in snapshots)
        {
            last[snapshot.RecordId] = snapshot;
        }

        var rows = last.Values;
        var upsert = new NpgsqlBatchCommand(UpsertSnapshotsSql);
        upsert.Parameters.Add(new() { Value = account });
        upsert.Parameters.Add(new() { Value = rows.Select(s => s.RecordId).ToArray() });
        upsert.Parameters.Add(new() { Value = rows.Select(s => s.UpdatedAt).ToArray() });
        upsert.Parameters.Add(new() { Value = rows.Select(s => s.UpdatedAtUnix).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(s => s.Status).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        upsert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(s => s.Emoji).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        upsert.Parameters.Add(new() { Value = rows.Select(s => s.Version).ToArray() });
        upsert.Parameters.Add(new NpgsqlParameter { Value = rows.Select(s => RecordHashes.Write(s.FieldHashes)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea });
        return upsert;
    }
}
