using System.Text.Json;
using Microsoft.Data.Sqlite;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.State;

/// <summary>
/// Reads a state file without the lock a worker takes and without writing: <c>streamer state</c> and
/// <c>streamer backfill</c> use it next to a running worker. SQLite's WAL lets a reader see the last
/// committed state while the worker writes; the reads run in one transaction, so they agree.
/// </summary>
public static class SqliteStateReader
{
    /// <summary>
    /// The newest schema version whose tables this reader understands. A test holds it equal to the
    /// version the worker's registered migrations reach, so a new migration has to be looked at here too.
    /// </summary>
    public const int KnownSchemaVersion = 7;

    /// <summary>Every account with a cursor or tracked records, by name; empty for a file the worker never initialized.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="StateSchemaTooNewException">A newer worker upgraded the file past <see cref="KnownSchemaVersion"/>.</exception>
    public static async Task<IReadOnlyList<AccountState>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"The state file {full} does not exist: no worker has run with this State:Path yet.", full);
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 10 };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var busy = connection.CreateCommand())
        {
            busy.CommandText = "PRAGMA busy_timeout = 5000";
            await busy.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // Deferred: a read transaction takes no write lock, so it neither waits for nor blocks the worker.
        using var transaction = connection.BeginTransaction(deferred: true);

        // A file written before versions were kept reads as version 0; its tables are the ones versions 1 and 2 create.
        var version = await SqliteMigrator.ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (version > KnownSchemaVersion)
        {
            throw new StateSchemaTooNewException(full, version, KnownSchemaVersion);
        }

        if (!await HasTablesAsync(connection, transaction, cancellationToken).ConfigureAwait(false))
        {
            return [];
        }

        var cursors = new Dictionary<string, AccountCursor>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT account, position_unix_ms, snapshot_done, tiers FROM cursors";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var tiers = JsonSerializer.Deserialize(reader.GetString(3), WorkerJsonContext.Default.DictionaryStringDateTimeOffset) ?? [];
                cursors[reader.GetString(0)] = new AccountCursor(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetInt64(2) != 0, tiers);
            }
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT account, COUNT(*) FROM records GROUP BY account";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        // Files written before media archiving existed have no queue.
        var media = new Dictionary<string, long>(StringComparer.Ordinal);
        if (await CountTablesAsync(connection, transaction, "'media_jobs'", cancellationToken).ConfigureAwait(false) == 1)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT account, COUNT(*) FROM media_jobs GROUP BY account";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                media[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        // Files written before the outbox existed have none.
        var outbox = new Dictionary<string, (long Rows, DateTimeOffset Oldest)>(StringComparer.Ordinal);
        if (await CountTablesAsync(connection, transaction, "'outbox'", cancellationToken).ConfigureAwait(false) == 1)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT account, COUNT(*), MIN(created_unix_ms) FROM outbox GROUP BY account";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                outbox[reader.GetString(0)] = (reader.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)));
            }
        }

        var passes = await ReadPassesAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        var filters = await ReadFiltersAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        return cursors.Keys.Union(counts.Keys).Union(outbox.Keys).Union(passes.Keys)
            .Order(StringComparer.Ordinal)
            .Select(account => new AccountState(
                account,
                cursors.GetValueOrDefault(account),
                counts.GetValueOrDefault(account),
                media.GetValueOrDefault(account),
                outbox.TryGetValue(account, out var waiting) ? waiting.Rows : 0,
                outbox.TryGetValue(account, out waiting) ? waiting.Oldest : null)
            {
                Passes = passes.TryGetValue(account, out var last) ? [.. last.OrderBy(p => p.Horizon, StringComparer.Ordinal)] : [],
                Filter = filters.GetValueOrDefault(account),
            })
            .ToList();
    }

    // Each account's last pass per horizon; files written before passes were kept have none.
    private static async Task<Dictionary<string, List<PassSummary>>> ReadPassesAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var passes = new Dictionary<string, List<PassSummary>>(StringComparer.Ordinal);
        if (await CountTablesAsync(connection, transaction, "'passes'", cancellationToken).ConfigureAwait(false) == 0)
        {
            return passes;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT account, horizon, finished_unix_ms, duration_ms, requests, records FROM passes";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var account = reader.GetString(0);
            if (!passes.TryGetValue(account, out var list))
            {
                passes[account] = list = [];
            }

            list.Add(new PassSummary(
                reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                TimeSpan.FromMilliseconds(reader.GetInt64(3)),
                reader.GetInt32(4),
                reader.GetInt32(5)));
        }

        return passes;
    }

    // Each account's last filter decision; files written before decisions were kept have none.
    private static async Task<Dictionary<string, FilterDecision>> ReadFiltersAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        var filters = new Dictionary<string, FilterDecision>(StringComparer.Ordinal);
        if (await CountTablesAsync(connection, transaction, "'filters'", cancellationToken).ConfigureAwait(false) == 0)
        {
            return filters;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT account, filter_on, basis, updated_at_votes, created_at_votes, unclear, decided_unix_ms FROM filters";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (Enum.TryParse<TimeFilter>(reader.GetString(1), out var filterOn) && Enum.TryParse<FilterBasis>(reader.GetString(2), out var basis))
            {
                filters[reader.GetString(0)] = new FilterDecision(
                    filterOn, basis, reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));
            }
        }

        return filters;
    }

    private static async Task<bool> HasTablesAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken) =>
        await CountTablesAsync(connection, transaction, "'cursors', 'records'", cancellationToken).ConfigureAwait(false) == 2;

    // How many of the (quoted, constant) table names exist in the file.
    private static async Task<long> CountTablesAsync(SqliteConnection connection, SqliteTransaction transaction, string names, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ({names})";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }
}
