using System.Text.Json;
using Npgsql;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.State.Postgres;

/// <summary>
/// Reads the PostgreSQL state database without writing, for <c>streamer state</c> next to running workers:
/// every query runs in one read-only, repeatable-read transaction, so the figures agree with each other.
/// </summary>
public static class PostgresStateReader
{
    /// <summary>The newest schema version whose tables this reader understands; a test holds it equal to the registered migrations'.</summary>
    public const int KnownSchemaVersion = 4;

    /// <summary>Every account with a cursor, tracked records, queued media, outbox entries or passes; empty for a database no worker initialized.</summary>
    /// <exception cref="StateSchemaTooNewException">A newer worker upgraded the database past <see cref="KnownSchemaVersion"/>.</exception>
    public static async Task<IReadOnlyList<AccountState>> ReadAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        var version = await PostgresMigrator.ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        if (version > KnownSchemaVersion)
        {
            throw StateSchemaTooNewException.ForDatabase(PostgresStateDatabase.Describe(connectionString), version, KnownSchemaVersion);
        }

        if (version < KnownSchemaVersion)
        {
            // Half-way migrations leave tables this reader would miss; a worker or `streamer migrate` completes them.
            return [];
        }

        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var cursors = new Dictionary<string, AccountCursor>(StringComparer.Ordinal);
        await ForEachAsync(transaction, "SELECT account, position_unix_ms, snapshot_done, tiers, snapshot_cutoff_unix_ms FROM cursors", r =>
        {
            var tiers = JsonSerializer.Deserialize(r.GetString(3), WorkerJsonContext.Default.DictionaryStringDateTimeOffset) ?? [];
            cursors[r.GetString(0)] = new AccountCursor(DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(1)), r.GetBoolean(2), tiers)
            {
                SnapshotCutoff = r.IsDBNull(4) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)),
            };
        }, cancellationToken).ConfigureAwait(false);

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await ForEachAsync(transaction, "SELECT account, COUNT(*) FROM records GROUP BY account", r => counts[r.GetString(0)] = r.GetInt64(1), cancellationToken).ConfigureAwait(false);

        var media = new Dictionary<string, long>(StringComparer.Ordinal);
        await ForEachAsync(transaction, "SELECT account, COUNT(*) FROM media_jobs GROUP BY account", r => media[r.GetString(0)] = r.GetInt64(1), cancellationToken).ConfigureAwait(false);

        var outbox = new Dictionary<string, (long Rows, DateTimeOffset Oldest)>(StringComparer.Ordinal);
        await ForEachAsync(
            transaction,
            "SELECT account, COUNT(*), MIN(created_unix_ms) FROM outbox GROUP BY account",
            r => outbox[r.GetString(0)] = (r.GetInt64(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2))),
            cancellationToken).ConfigureAwait(false);

        var passes = new Dictionary<string, List<PassSummary>>(StringComparer.Ordinal);
        await ForEachAsync(transaction, "SELECT account, horizon, finished_unix_ms, duration_ms, requests, records FROM passes", r =>
        {
            var account = r.GetString(0);
            if (!passes.TryGetValue(account, out var list))
            {
                passes[account] = list = [];
            }

            list.Add(new PassSummary(r.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)), TimeSpan.FromMilliseconds(r.GetInt64(3)), r.GetInt32(4), r.GetInt32(5)));
        }, cancellationToken).ConfigureAwait(false);

        var filters = new Dictionary<string, FilterDecision>(StringComparer.Ordinal);
        await ForEachAsync(transaction, "SELECT account, filter_on, basis, updated_at_votes, created_at_votes, unclear, decided_unix_ms FROM filters", r =>
        {
            if (Enum.TryParse<TimeFilter>(r.GetString(1), out var filterOn) && Enum.TryParse<FilterBasis>(r.GetString(2), out var basis))
            {
                filters[r.GetString(0)] = new FilterDecision(
                    filterOn, basis, r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)));
            }
        }, cancellationToken).ConfigureAwait(false);

        return cursors.Keys.Union(counts.Keys).Union(media.Keys).Union(outbox.Keys).Union(passes.Keys)
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

    private static async Task ForEachAsync(NpgsqlTransaction transaction, string sql, Action<NpgsqlDataReader> row, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, transaction.Connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            row(reader);
        }
    }
}
