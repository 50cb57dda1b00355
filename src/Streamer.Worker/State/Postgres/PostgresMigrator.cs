using Npgsql;

namespace Streamer.Worker.State.Postgres;

/// <summary>
/// The schema versions of a PostgreSQL state database: the table <c>schema_version</c> holds one row per
/// migration applied, and migrations run forward only, in version order, each in its own transaction with its
/// row. Workers starting together take turns through a session advisory lock, so each migration runs once.
/// </summary>
internal sealed class PostgresMigrator
{
    /// <summary>The advisory lock key of migrating ('stmg' as a number): one migrating session at a time per database.</summary>
    public const long MigrationLockKey = 0x73746d67;

    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version integer NOT NULL PRIMARY KEY,
            description text NOT NULL,
            applied_unix_ms bigint NOT NULL)
        """;

    private readonly PostgresMigration[] migrations;

    /// <summary>Orders the migrations, which must be numbered 1, 2, 3… without gaps or duplicates.</summary>
    /// <exception cref="InvalidOperationException">The numbering is broken.</exception>
    public PostgresMigrator(IEnumerable<PostgresMigration> migrations)
    {
        this.migrations = [.. migrations.OrderBy(m => m.Version)];
        if (this.migrations.Length == 0 || this.migrations.Where((m, i) => m.Version != i + 1).Any())
        {
            var numbers = string.Join(", ", this.migrations.Select(m => $"{m.Version} ({m.Description})"));
            throw new InvalidOperationException($"The PostgreSQL state migrations must be numbered 1, 2, 3… without gaps or duplicates; registered: {(numbers.Length == 0 ? "none" : numbers)}.");
        }
    }

    /// <summary>The version a database has once every migration is applied.</summary>
    public int LatestVersion => migrations[^1].Version;

    /// <summary>The highest version applied; 0 for a database no worker has initialized.</summary>
    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT CASE WHEN to_regclass('schema_version') IS NULL THEN 0 ELSE -1 END", connection);
        if ((int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
        {
            return 0;
        }

        await using var version = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection);
        return (int)(await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Brings the database to <see cref="LatestVersion"/> under the migration lock; returns the migrations applied.
    /// </summary>
    /// <exception cref="StateSchemaTooNewException">A newer worker upgraded the database; it is left as it is.</exception>
    public async Task<IReadOnlyList<PostgresMigration>> MigrateAsync(NpgsqlConnection connection, string database, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            // Read under the lock: a worker that waited sees what the one before it applied.
            var version = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
            if (version > LatestVersion)
            {
                throw StateSchemaTooNewException.ForDatabase(database, version, LatestVersion);
            }

            var applied = new List<PostgresMigration>();
            foreach (var migration in migrations.Where(m => m.Version > version))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(connection, $"{CreateVersionTable};\n{migration.Sql}", cancellationToken).ConfigureAwait(false);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_version (version, description, applied_unix_ms) VALUES ($1, $2, $3)", connection))
                {
                    record.Parameters.Add(new() { Value = migration.Version });
                    record.Parameters.Add(new() { Value = migration.Description });
                    record.Parameters.Add(new() { Value = now.ToUnixTimeMilliseconds() });
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                applied.Add(migration);
            }

            return applied;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
