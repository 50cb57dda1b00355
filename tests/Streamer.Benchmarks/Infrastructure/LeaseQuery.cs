using Npgsql;

namespace Streamer.Benchmarks.Infrastructure;

/// <summary>Reads the cluster's lease tables (leases, lease_history) of one PostgreSQL database, as an operator would.</summary>
public sealed class LeaseQuery(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource source = NpgsqlDataSource.Create(connectionString);

    /// <summary>The owner of each account's live lease (unexpired on the database's clock); none before the first worker migrated.</summary>
    public async Task<IReadOnlyDictionary<string, string>> OwnersAsync()
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            await using var command = source.CreateCommand("SELECT account, owner FROM leases WHERE expires_at > now()");
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                owners[reader.GetString(0)] = reader.GetString(1);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            // Not migrated yet: no leases.
        }

        return owners;
    }

    /// <summary>When each of <paramref name="accounts"/> was first acquired after <paramref name="since"/> by an instance other than <paramref name="previous"/>.</summary>
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> TakeoversAsync(IReadOnlyCollection<string> accounts, string previous, DateTimeOffset since)
    {
        await using var command = source.CreateCommand("SELECT account, min(acquired_at) FROM lease_history WHERE account = ANY($1) AND owner <> $2 AND acquired_at > $3 GROUP BY account");
        command.Parameters.Add(new() { Value = accounts.ToArray() });
        command.Parameters.Add(new() { Value = previous });
        command.Parameters.Add(new() { Value = since.UtcDateTime });
        await using var reader = await command.ExecuteReaderAsync();
        var taken = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            taken[reader.GetString(0)] = new DateTimeOffset(reader.GetDateTime(1), TimeSpan.Zero);
        }

        return taken;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => source.DisposeAsync();
}
