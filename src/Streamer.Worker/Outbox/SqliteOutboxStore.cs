using Microsoft.Data.Sqlite;
using Streamer.Worker.State;

namespace Streamer.Worker.Outbox;

/// <summary>
/// The outbox in the SQLite state file (table of <see cref="SqliteOutboxSchema"/>). Entries are written as a
/// part of the poller's commit, in its transaction; the relay reads and deletes them. The depth is counted
/// here as entries are written and deleted, so the poller's check costs no query.
/// </summary>
public sealed class SqliteOutboxStore(SqliteStateDatabase database, TimeProvider time) : IOutboxStore, ISqliteCommitParticipant
{
    private long nextSeq = -1;
    private long rows;
    private long bytes;
    private long deletedTotal;

    /// <inheritdoc />
    public OutboxDepthReading Depth => new(Interlocked.Read(ref rows), Interlocked.Read(ref bytes));

    /// <inheritdoc />
    public long Deleted => Interlocked.Read(ref deletedTotal);

    /// <summary>Numbers the commit's entries and writes them.</summary>
    public void Write(SqliteTransaction transaction, string account, StateCommit commit)
    {
        if (commit.Outbox.Count == 0)
        {
            return;
        }

        if (nextSeq < 0)
        {
            using var last = Command(transaction, "SELECT COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)");
            nextSeq = (long)last.ExecuteScalar()! + 1;
        }

        using var insert = Command(transaction, "INSERT INTO outbox (seq, account, order_key, event_id, type, body, created_unix_ms, trace_parent, trace_state) VALUES ($s, $a, $k, $e, $t, $b, $c, $p, $ts)");
        var seq = insert.Parameters.Add("$s", SqliteType.Integer);
        insert.Parameters.AddWithValue("$a", account);
        var key = insert.Parameters.Add("$k", SqliteType.Text);
        var id = insert.Parameters.Add("$e", SqliteType.Text);
        var type = insert.Parameters.Add("$t", SqliteType.Text);
        var body = insert.Parameters.Add("$b", SqliteType.Blob);
        var traceParent = insert.Parameters.Add("$p", SqliteType.Text);
        var traceState = insert.Parameters.Add("$ts", SqliteType.Text);
        insert.Parameters.AddWithValue("$c", time.GetUtcNow().ToUnixTimeMilliseconds());
        insert.Prepare();
        var first = nextSeq;
        long written = 0;
        foreach (var entry in commit.Outbox)
        {
            entry.Seq = nextSeq++;
            seq.Value = entry.Seq;
            key.Value = entry.OrderKey;
            id.Value = entry.EventId.ToString();
            type.Value = entry.Type;
            body.Value = entry.Body;
            traceParent.Value = (object?)entry.TraceParent ?? DBNull.Value;
            traceState.Value = (object?)entry.TraceState ?? DBNull.Value;
            insert.ExecuteNonQuery();
            written += entry.Body.Length;
        }

        // Counted before the transaction commits: a commit that then fails is corrected by the relay's next recount.
        Interlocked.Add(ref rows, nextSeq - first);
        Interlocked.Add(ref bytes, written);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxEntry>> ReadAsync(long afterSeq, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<OutboxEntry>>(
            transaction =>
            {
                using var select = Command(transaction, "SELECT seq, account, order_key, event_id, type, body, trace_parent, trace_state FROM outbox WHERE seq > $s ORDER BY seq LIMIT $l");
                select.Parameters.AddWithValue("$s", afterSeq);
                select.Parameters.AddWithValue("$l", limit);
                using var reader = select.ExecuteReader();
                var entries = new List<OutboxEntry>();
                while (reader.Read())
                {
                    entries.Add(new OutboxEntry(reader.GetString(1), reader.GetString(2), Guid.Parse(reader.GetString(3)), reader.GetString(4), (byte[])reader.GetValue(5), message: null)
                    {
                        Seq = reader.GetInt64(0),
                        TraceParent = reader.IsDBNull(6) ? null : reader.GetString(6),
                        TraceState = reader.IsDBNull(7) ? null : reader.GetString(7),
                    });
                }

                return entries;
            },
            cancellationToken);

    /// <inheritdoc />
    public async Task DeleteAsync(IReadOnlyCollection<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var deleted = await database.WriteAsync(
            transaction =>
            {
                using var delete = Command(transaction, "DELETE FROM outbox WHERE seq = $s");
                var seq = delete.Parameters.Add("$s", SqliteType.Integer);
                delete.Prepare();
                long count = 0, size = 0;
                foreach (var entry in entries)
                {
                    seq.Value = entry.Seq;
                    if (delete.ExecuteNonQuery() == 1)
                    {
                        count++;
                        size += entry.Body.Length;
                    }
                }

                return (count, size);
            },
            cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref rows, -deleted.count);
        Interlocked.Add(ref bytes, -deleted.size);
        Interlocked.Add(ref deletedTotal, deleted.count);
    }

    /// <inheritdoc />
    public Task<OutboxDepthReading> CountAsync(CancellationToken cancellationToken) =>
        database.ReadAsync(
            transaction =>
            {
                using var count = Command(transaction, "SELECT COUNT(*), COALESCE(SUM(length(body)), 0) FROM outbox");
                using var reader = count.ExecuteReader();
                reader.Read();
                var depth = new OutboxDepthReading(reader.GetInt64(0), reader.GetInt64(1));

                // Set under the database's gate, so no commit's count falls between the query and this.
                Interlocked.Exchange(ref rows, depth.Rows);
                Interlocked.Exchange(ref bytes, depth.Bytes);
                return depth;
            },
            cancellationToken);

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
