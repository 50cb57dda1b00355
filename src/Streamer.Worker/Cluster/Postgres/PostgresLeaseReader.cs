using Npgsql;
using Streamer.Worker.State;
using Streamer.Worker.State.Postgres;

namespace Streamer.Worker.Cluster.Postgres;

/// <summary>Reads the lease table: for the coordinators' cycles, and for <c>streamer state</c> without a running worker.</summary>
internal static class PostgresLeaseReader
{
    private const string ReadSql = """
        SELECT now();
        SELECT id FROM instances WHERE expires_at > now() ORDER BY id;
        SELECT account, owner, token, expires_at FROM leases WHERE expires_at > now();
        """;

    /// <summary>The live instances and unexpired leases, in one round trip, with the database's clock.</summary>
    public static async Task<LeaseTable> ReadTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReadSql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var now = reader.GetFieldValue<DateTimeOffset>(0);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var instances = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            instances.Add(reader.GetString(0));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        return new LeaseTable(now, instances, await ReadLeasesAsync(reader, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Every lease row of <paramref name="reader"/>'s current result (account, owner, token, expires_at).</summary>
    public static async Task<IReadOnlyList<Lease>> ReadLeasesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var leases = new List<Lease>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            leases.Add(new Lease(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3)));
        }

        return leases;
    }

    /// <summary>
    /// For <c>streamer state</c>: the lease table and the enabled accounts of the accounts table, or null when the
    /// database has no cluster tables yet (a schema before version 4).
    /// </summary>
    public static async Task<(LeaseTable Table, IReadOnlyList<string> Enabled)?> ReadReportAsync(StateOptions options, CancellationToken cancellationToken)
    {
        await using var source = PostgresStateRegistration.CreateDataSource(options);
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var table = await ReadTableAsync(connection, cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT name FROM accounts WHERE enabled ORDER BY name", connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var enabled = new List<string>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                enabled.Add(reader.GetString(0));
            }

            return (table, enabled);
        }
        catch (PostgresException error) when (error.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }
}
