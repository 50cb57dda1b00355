using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Streamer.Samples.DeliveryStatus;

/// <summary>
/// The latest status per message in SQLite. Each event is applied in one transaction that first records its
/// id (a second delivery of the same id is a duplicate) and then replaces the stored row only when the
/// event's version is higher (an older version is stale). Both checks live in the database, so they hold
/// across restarts and whatever order the events arrive in.
/// </summary>
public sealed class DeliveryStatusStore : IDisposable
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS processed_events (
            event_id     TEXT NOT NULL PRIMARY KEY,
            processed_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS message_status (
            tenant_id      TEXT    NOT NULL,
            record_id      TEXT    NOT NULL,
            message_id     TEXT,
            status         TEXT,
            failure_reason TEXT,
            version        INTEGER NOT NULL,
            occurred_at    TEXT    NOT NULL,
            updated_at     TEXT    NOT NULL,
            PRIMARY KEY (tenant_id, record_id)
        );
        CREATE INDEX IF NOT EXISTS message_status_by_message_id ON message_status (message_id);
        """;

    private const string Upsert = """
        INSERT INTO message_status (tenant_id, record_id, message_id, status, failure_reason, version, occurred_at, updated_at)
        VALUES ($tenant, $record, $message, $status, $reason, $version, $occurred, $now)
        ON CONFLICT (tenant_id, record_id) DO UPDATE SET
            message_id = coalesce(excluded.message_id, message_status.message_id),
            status = excluded.status,
            failure_reason = excluded.failure_reason,
            version = excluded.version,
            occurred_at = excluded.occurred_at,
            updated_at = excluded.updated_at
        WHERE excluded.version > message_status.version;
        """;

    private const string Columns = "tenant_id, record_id, message_id, status, failure_reason, version, occurred_at, updated_at";

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SqliteConnection connection;
    private readonly TimeProvider time;
    private bool initialized;

    /// <summary>Opens (and on first use creates) the database at <see cref="StoreOptions.Path"/>.</summary>
    public DeliveryStatusStore(IOptions<StoreOptions> options, TimeProvider time)
    {
        var path = Path.GetFullPath(options.Value.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        this.time = time;
    }

    /// <summary>Opens the database and creates its tables if needed (also done on first use).</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureOpenAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Applies one event unless it is a duplicate or stale.</summary>
    public async Task<ApplyOutcome> ApplyAsync(StatusUpdate update, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureOpenAsync(cancellationToken);
            var now = Text(time.GetUtcNow());
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            var outcome = await RememberAsync(transaction, update.EventId, now, cancellationToken) == 0
                ? ApplyOutcome.Duplicate
                : await UpsertAsync(transaction, update, now, cancellationToken) == 0 ? ApplyOutcome.Stale : ApplyOutcome.Applied;
            await transaction.CommitAsync(cancellationToken);
            return outcome;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The status of a chat record, or null if no event about it was applied.</summary>
    public Task<MessageStatus?> FindByRecordAsync(string tenantId, string recordId, CancellationToken cancellationToken) =>
        FindAsync($"SELECT {Columns} FROM message_status WHERE tenant_id = $a AND record_id = $b", tenantId, recordId, cancellationToken);

    /// <summary>The status of a WhatsApp message (<c>wamid.</c>), or null if unknown.</summary>
    public Task<MessageStatus?> FindByMessageIdAsync(string messageId, CancellationToken cancellationToken) =>
        FindAsync($"SELECT {Columns} FROM message_status WHERE message_id = $a LIMIT 1", messageId, null, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        connection.Dispose();
        gate.Dispose();
    }

    private async Task<MessageStatus?> FindAsync(string sql, string a, string? b, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await EnsureOpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$a", a);
            command.Parameters.AddWithValue("$b", (object?)b ?? DBNull.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            return new MessageStatus(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt64(5),
                DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture),
                DateTimeOffset.Parse(reader.GetString(7), CultureInfo.InvariantCulture));
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<int> RememberAsync(SqliteTransaction transaction, Guid eventId, string now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO processed_events (event_id, processed_at) VALUES ($id, $now) ON CONFLICT DO NOTHING";
        command.Parameters.AddWithValue("$id", eventId.ToString("D"));
        command.Parameters.AddWithValue("$now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<int> UpsertAsync(SqliteTransaction transaction, StatusUpdate update, string now, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Upsert;
        command.Parameters.AddWithValue("$tenant", update.TenantId);
        command.Parameters.AddWithValue("$record", update.RecordId);
        command.Parameters.AddWithValue("$message", (object?)update.MessageId ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", (object?)update.Status ?? DBNull.Value);
        command.Parameters.AddWithValue("$reason", (object?)update.FailureReason ?? DBNull.Value);
        command.Parameters.AddWithValue("$version", update.Version);
        command.Parameters.AddWithValue("$occurred", Text(update.OccurredAt));
        command.Parameters.AddWithValue("$now", now);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task EnsureOpenAsync(CancellationToken cancellationToken)
    {
        if (initialized)
        {
            return;
        }

        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Schema;
        await command.ExecuteNonQueryAsync(cancellationToken);
        initialized = true;
    }

    private static string Text(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);
}
