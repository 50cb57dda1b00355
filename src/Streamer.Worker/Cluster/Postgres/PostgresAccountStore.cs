using Npgsql;
using Streamer.Worker.State.Postgres;

namespace Streamer.Worker.Cluster.Postgres;

/// <summary>The accounts table of <see cref="PostgresClusterSchema"/>: one statement per call, secrets stored as sealed.</summary>
internal sealed class PostgresAccountStore(PostgresStateDatabase database) : IAccountStore
{
    private const string Columns = "name, base_url, tenant_id, app_key, access_key, sealed_secret, time_zone, poll_interval_ms, allow_insecure_transport, enabled";

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredAccount>> ListAsync(CancellationToken cancellationToken) =>
        database.UseAsync<IReadOnlyList<StoredAccount>>(
            async connection =>
            {
                await using var command = new NpgsqlCommand($"SELECT {Columns} FROM accounts ORDER BY name", connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var accounts = new List<StoredAccount>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    accounts.Add(new StoredAccount
                    {
                        Name = reader.GetString(0),
                        BaseUrl = reader.GetString(1),
                        TenantId = reader.GetString(2),
                        AppKey = reader.GetString(3),
                        AccessKey = reader.GetString(4),
                        SealedSecret = reader.GetString(5),
                        TimeZone = reader.GetString(6),
                        PollInterval = reader.IsDBNull(7) ? null : TimeSpan.FromMilliseconds(reader.GetInt64(7)),
                        AllowInsecureTransport = reader.GetBoolean(8),
                        Enabled = reader.GetBoolean(9),
                    });
                }

                return accounts;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddAsync(StoredAccount account, CancellationToken cancellationToken) =>
        ExecuteAsync($"INSERT INTO accounts ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (name) DO NOTHING", account, cancellationToken);

    /// <inheritdoc />
    public Task<bool> UpdateAsync(StoredAccount account, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            UPDATE accounts SET base_url = $2, tenant_id = $3, app_key = $4, access_key = $5, sealed_secret = $6, time_zone = $7,
                poll_interval_ms = $8, allow_insecure_transport = $9, enabled = $10
            WHERE name = $1
            """,
            account,
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken) =>
        database.UseAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("DELETE FROM accounts WHERE name = $1", connection);
                command.Parameters.Add(new() { Value = name });
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken);

    private Task<bool> ExecuteAsync(string sql, StoredAccount account, CancellationToken cancellationToken) =>
        database.UseAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                foreach (var value in new object?[]
                {
                    account.Name, account.BaseUrl, account.TenantId, account.AppKey, account.AccessKey, account.SealedSecret, account.TimeZone,
                    account.PollInterval is { } interval ? (long)interval.TotalMilliseconds : null, account.AllowInsecureTransport, account.Enabled,
                })
                {
                    command.Parameters.Add(value is null ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint } : new NpgsqlParameter { Value = value });
                }

                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken);
}
