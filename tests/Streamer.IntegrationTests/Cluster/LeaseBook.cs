using Npgsql;
using Streamer.Worker.Cluster;
using Streamer.Worker.Cluster.Postgres;

namespace Streamer.IntegrationTests.Cluster;

/// <summary>Reads the cluster's tables in its database: the live leases, every holding of <c>lease_history</c>, the cursors.</summary>
public sealed class LeaseBook(string connectionString)
{
    // Unpooled: a pooled connection would not survive a restart of the server between two reads.
    private readonly string unpooled = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    /// <summary>One holding of an account's lease: from its acquisition to its release or its last expiry.</summary>
    public sealed record Holding(string Account, long Token, string Owner, DateTime AcquiredAt, DateTime EndedAt);

    /// <summary>The live instances and unexpired leases now.</summary>
    public async Task<LeaseTable> TableAsync()
    {
        await using var connection = await OpenAsync();
        return await PostgresLeaseReader.ReadTableAsync(connection, CancellationToken.None);
    }

    /// <summary>The accounts <paramref name="instance"/> holds now.</summary>
    public async Task<IReadOnlyList<string>> HeldByAsync(string instance) =>
        [.. (await TableAsync()).Leases.Where(l => l.Owner == instance).Select(l => l.Account).Order(StringComparer.Ordinal)];

    /// <summary>Every holding ever recorded, by account and token.</summary>
    public async Task<IReadOnlyList<Holding>> HistoryAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT account, token, owner, acquired_at, ended_at FROM lease_history ORDER BY account, token", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Holding>();
        while (await reader.ReadAsync())
        {
            rows.Add(new Holding(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetDateTime(3), reader.GetDateTime(4)));
        }

        return rows;
    }

    /// <summary>
    /// The pairs of holdings of one account by two instances that overlap in time: none in a correct run. An instance
    /// that takes its own lease again (after a failed renewal) starts a new holding before the last one's recorded end;
    /// that is one owner, not two.
    /// </summary>
    public async Task<IReadOnlyList<(Holding Earlier, Holding Later)>> OverlapsAsync() =>
        [.. (await HistoryAsync()).GroupBy(h => h.Account).SelectMany(g => g.Zip(g.Skip(1)).Where(p => p.Second.AcquiredAt < p.First.EndedAt && p.First.Owner != p.Second.Owner))];

    /// <summary>Each account's cursor position (Unix milliseconds).</summary>
    public async Task<IReadOnlyDictionary<string, long>> CursorsAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT account, position_unix_ms FROM cursors", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var cursors = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            cursors[reader.GetString(0)] = reader.GetInt64(1);
        }

        return cursors;
    }

    /// <summary>Ends <paramref name="account"/>'s lease under its owner's feet, as if another instance had taken it (a new token, owner <paramref name="taker"/>).</summary>
    public async Task<Lease> TakeOverAsync(string account, string taker, TimeSpan duration)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            WITH taken AS (
                UPDATE leases SET owner = $2, token = token + 1, acquired_at = now(), expires_at = now() + $3 WHERE account = $1
                RETURNING account, owner, token, expires_at),
            ended AS (
                UPDATE lease_history AS h SET ended_at = now() FROM taken AS t WHERE h.account = t.account AND h.token = t.token - 1),
            logged AS (
                INSERT INTO lease_history (account, token, owner, acquired_at, ended_at) SELECT account, token, owner, now(), expires_at FROM taken)
            SELECT account, owner, token, expires_at FROM taken
            """,
            connection);
        command.Parameters.Add(new() { Value = account });
        command.Parameters.Add(new() { Value = taker });
        command.Parameters.Add(new() { Value = duration });
        await using var reader = await command.ExecuteReaderAsync();
        return (await PostgresLeaseReader.ReadLeasesAsync(reader, CancellationToken.None)).Single();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(unpooled);
        await connection.OpenAsync();
        return connection;
    }
}
