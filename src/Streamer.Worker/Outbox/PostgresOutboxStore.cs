using Npgsql;
using Streamer.Worker.State;
using Streamer.Worker.State.Postgres;

namespace Streamer.Worker.Outbox;

/// <summary>
/// The outbox in the PostgreSQL state database (table of <see cref="PostgresOutboxSchema"/>). Entries are
/// written as the last part of the poller's commit; the relay reads and deletes them. Numbering takes a
/// transaction advisory lock held until the commit ends, so sequence numbers become visible in the order
/// they were given, across every worker on the database: the relay, which reads "after the highest number
/// seen", can never pass over an entry that commits later with a lower number.
/// </summary>
public sealed class PostgresOutboxStore(PostgresStateDatabase database, TimeProvider time) : IOutboxStore, IPostgresCommitParticipant
{
    /// <summary>The advisory lock key of numbering outbox entries ('stob' as a number), written out in the statements below.</summary>
    public const long NumberingLockKey = 0x73746f62;

    // Numbers and inserts in one statement: the CTE (volatile, so evaluated once) takes the lock and reserves
    // the block; each entry's number is the block's start plus its place in the arrays.
    private const string Insert = """
        WITH numbering AS (
            SELECT setval('outbox_seq', nextval('outbox_seq') + $1 - 1) AS last FROM (SELECT pg_advisory_xact_lock(1937010530)) AS locked)
        INSERT INTO outbox (seq, account, order_key, event_id, type, body, created_unix_ms, trace_parent, trace_state)
        SELECT numbering.last - $1 + u.n, $2, u.k, u.e, u.t, u.b, $7, u.p, u.s
        FROM numbering, unnest($3::text[], $4::uuid[], $5::text[], $6::bytea[], $8::text[], $9::text[]) WITH ORDINALITY AS u(k, e, t, b, p, s, n)
        RETURNING seq
        """;

    private long rows;
    private long bytes;
    private long deletedTotal;

    /// <inheritdoc />
    public OutboxDepthReading Depth => new(Interlocked.Read(ref rows), Interlocked.Read(ref bytes));

    /// <inheritdoc />
    public long Deleted => Interlocked.Read(ref deletedTotal);

    /// <summary>Numbers the commit's entries and writes them, in one statement.</summary>
    public async Task WriteAsync(NpgsqlTransaction transaction, string account, StateCommit commit, CancellationToken cancellationToken)
    {
        var entries = commit.Outbox;
        if (entries.Count == 0)
        {
            return;
        }

        long last = 0;
        long written = 0;
        await using (var insert = new NpgsqlCommand(Insert, transaction.Connection, transaction))
        {
            insert.Parameters.Add(new() { Value = (long)entries.Count });
            insert.Parameters.Add(new() { Value = account });
            insert.Parameters.Add(new() { Value = entries.Select(e => e.OrderKey).ToArray() });
            insert.Parameters.Add(new() { Value = entries.Select(e => e.EventId).ToArray() });
            insert.Parameters.Add(new() { Value = entries.Select(e => e.Type).ToArray() });
            insert.Parameters.Add(new() { Value = entries.Select(e => e.Body).ToArray() });
            insert.Parameters.Add(new() { Value = time.GetUtcNow().ToUnixTimeMilliseconds() });
            insert.Parameters.Add(new() { Value = entries.Select(e => e.TraceParent).ToArray() });
            insert.Parameters.Add(new() { Value = entries.Select(e => e.TraceState).ToArray() });
            await using var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                last = Math.Max(last, reader.GetInt64(0));
            }
        }

        // Numbered only once the statement took them; counted before the commit ends, as with SQLite: a
        // commit that then fails is corrected by the relay's next recount.
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i].Seq = last - entries.Count + 1 + i;
            written += entries[i].Body.Length;
        }

        Interlocked.Add(ref rows, entries.Count);
        Interlocked.Add(ref bytes, written);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutboxEntry>> ReadAsync(long afterSeq, int limit, CancellationToken cancellationToken) =>
        database.UseAsync<IReadOnlyList<OutboxEntry>>(
            async connection =>
            {
                await using var select = new NpgsqlCommand("SELECT seq, account, order_key, event_id, type, body, trace_parent, trace_state FROM outbox WHERE seq > $1 ORDER BY seq LIMIT $2", connection);
                select.Parameters.Add(new() { Value = afterSeq });
                select.Parameters.Add(new() { Value = limit });
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var entries = new List<OutboxEntry>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    entries.Add(new OutboxEntry(reader.GetString(1), reader.GetString(2), reader.GetGuid(3), reader.GetString(4), reader.GetFieldValue<byte[]>(5), message: null)
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

        var (count, size) = await database.UseAsync(
            async connection =>
            {
                await using var delete = new NpgsqlCommand("DELETE FROM outbox WHERE seq = ANY($1) RETURNING octet_length(body)", connection);
                delete.Parameters.Add(new() { Value = entries.Select(e => e.Seq).ToArray() });
                await using var reader = await delete.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                long count = 0, size = 0;
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    count++;
                    size += reader.GetInt32(0);
                }

                return (count, size);
            },
            cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref rows, -count);
        Interlocked.Add(ref bytes, -size);
        Interlocked.Add(ref deletedTotal, count);
    }

    /// <inheritdoc />
    public Task<OutboxDepthReading> CountAsync(CancellationToken cancellationToken) =>
        database.RunAsync(
            async transaction =>
            {
                // Under the numbering lock: no commit counts its entries between this query and the reset below.
                await using var count = new NpgsqlCommand(
                    "SELECT COUNT(*), COALESCE(SUM(octet_length(body)), 0)::bigint FROM outbox, (SELECT pg_advisory_xact_lock(1937010530)) AS numbering",
                    transaction.Connection,
                    transaction);
                await using var reader = await count.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var depth = new OutboxDepthReading(reader.GetInt64(0), reader.GetInt64(1));
                Interlocked.Exchange(ref rows, depth.Rows);
                Interlocked.Exchange(ref bytes, depth.Bytes);
                return depth;
            },
            cancellationToken);
}
