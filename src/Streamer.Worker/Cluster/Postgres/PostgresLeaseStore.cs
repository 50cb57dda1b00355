using Npgsql;
using NpgsqlTypes;
using Streamer.Worker.State.Postgres;

namespace Streamer.Worker.Cluster.Postgres;

/// <summary>
/// The lease table in PostgreSQL (<see cref="PostgresClusterSchema"/>). Each call is one statement: an acquisition is
/// an upsert whose <c>WHERE</c> PostgreSQL re-checks on the row it locked, so two instances never both take an
/// account, and its token is the row's plus one. Every expiry is <c>now()</c> plus a duration, on the database's clock.
/// Each acquisition, renewal and release also writes <c>lease_history</c>, the record of who held what when; an
/// instance that takes its own lease again (after a renewal it could not confirm) ends its previous holding there.
/// </summary>
internal sealed class PostgresLeaseStore(PostgresStateDatabase database) : ILeaseStore
{
    private const string HeartbeatSql = """
        INSERT INTO instances (id, expires_at) VALUES ($1, now() + $2)
        ON CONFLICT (id) DO UPDATE SET expires_at = EXCLUDED.expires_at
        """;

    private const string AcquireSql = """
        WITH taken AS (
            INSERT INTO leases AS l (account, owner, token, acquired_at, expires_at) VALUES ($1, $2, 1, now(), now() + $3)
            ON CONFLICT (account) DO UPDATE SET owner = EXCLUDED.owner, token = l.token + 1, acquired_at = now(), expires_at = EXCLUDED.expires_at
            WHERE l.expires_at <= now() OR l.owner = EXCLUDED.owner
            RETURNING account, owner, token, expires_at),
        logged AS (
            INSERT INTO lease_history (account, token, owner, acquired_at, ended_at) SELECT account, token, owner, now(), expires_at FROM taken),
        ended AS (
            UPDATE lease_history AS h SET ended_at = now() FROM taken AS t
            WHERE h.account = t.account AND h.token = t.token - 1 AND h.ended_at > now())
        SELECT account, owner, token, expires_at FROM taken
        """;

    private const string RenewSql = """
        WITH renewed AS (
            UPDATE leases AS l SET expires_at = now() + $4
            FROM unnest($1::text[], $2::text[], $3::bigint[]) AS t(a, o, k)
            WHERE l.account = t.a AND l.owner = t.o AND l.token = t.k AND l.expires_at > now()
            RETURNING l.account, l.owner, l.token, l.expires_at),
        logged AS (
            UPDATE lease_history AS h SET ended_at = r.expires_at FROM renewed AS r WHERE h.account = r.account AND h.token = r.token)
        SELECT account, owner, token, expires_at FROM renewed
        """;

    private const string ReleaseSql = """
        WITH released AS (
            UPDATE leases SET expires_at = now() WHERE account = $1 AND owner = $2 AND token = $3 AND expires_at > now()
            RETURNING account, token),
        logged AS (
            UPDATE lease_history AS h SET ended_at = now() FROM released AS r WHERE h.account = r.account AND h.token = r.token)
        SELECT count(*) FROM released
        """;

    /// <inheritdoc />
    public Task<LeaseTable> ReadAsync(CancellationToken cancellationToken) =>
        database.UseAsync(connection => PostgresLeaseReader.ReadTableAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task HeartbeatAsync(string instance, TimeSpan duration, CancellationToken cancellationToken) =>
        ExecuteAsync(HeartbeatSql, cancellationToken, instance, duration);

    /// <inheritdoc />
    public Task LeaveAsync(string instance, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM instances WHERE id = $1", cancellationToken, instance);

    /// <inheritdoc />
    public async Task<Lease?> TryAcquireAsync(string account, string instance, TimeSpan duration, CancellationToken cancellationToken)
    {
        var taken = await QueryLeasesAsync(AcquireSql, cancellationToken, account, instance, duration).ConfigureAwait(false);
        return taken.Count == 0 ? null : taken[0];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Lease>> RenewAsync(IReadOnlyList<Lease> leases, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (leases.Count == 0)
        {
            return [];
        }

        return await QueryLeasesAsync(
            RenewSql,
            cancellationToken,
            Array(leases.Select(l => l.Account), NpgsqlDbType.Text),
            Array(leases.Select(l => l.Owner), NpgsqlDbType.Text),
            Array(leases.Select(l => l.Token), NpgsqlDbType.Bigint),
            duration).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task ReleaseAsync(Lease lease, CancellationToken cancellationToken) =>
        ExecuteAsync(ReleaseSql, cancellationToken, lease.Account, lease.Owner, lease.Token);

    private static NpgsqlParameter Array<T>(IEnumerable<T> values, NpgsqlDbType type) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };

    private static NpgsqlCommand Command(string sql, NpgsqlConnection connection, object[] values)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(value as NpgsqlParameter ?? new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private Task ExecuteAsync(string sql, CancellationToken cancellationToken, params object[] values) =>
        database.UseAsync(
            async connection =>
            {
                await using var command = Command(sql, connection, values);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);

    private Task<IReadOnlyList<Lease>> QueryLeasesAsync(string sql, CancellationToken cancellationToken, params object[] values) =>
        database.UseAsync(
            async connection =>
            {
                await using var command = Command(sql, connection, values);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                return await PostgresLeaseReader.ReadLeasesAsync(reader, cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
}
