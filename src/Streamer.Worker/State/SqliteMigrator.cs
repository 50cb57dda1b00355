using Microsoft.Data.Sqlite;

namespace Streamer.Worker.State;

/// <summary>
/// The schema versions of a SQLite state file: the table <c>schema_version</c> holds one row per migration
/// applied, and migrations run forward only, in version order, each in its own transaction with its row.
/// A crash between two leaves a file at the earlier version, which the next start continues from.
/// </summary>
internal sealed class SqliteMigrator
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER NOT NULL PRIMARY KEY,
            description TEXT NOT NULL,
            applied_unix_ms INTEGER NOT NULL)
        """;

    private readonly SqliteMigration[] migrations;

    /// <summary>Orders the migrations, which must be numbered 1, 2, 3… without gaps or duplicates.</summary>
    /// <exception cref="InvalidOperationException">The numbering is broken: an area registered a taken or skipped version.</exception>
    public SqliteMigrator(IEnumerable<SqliteMigration> migrations)
    {
        this.migrations = [.. migrations.OrderBy(m => m.Version)];

        // A gap would be applied later out of order, a duplicate never: both lose a table on some files.
        if (this.migrations.Length == 0 || this.migrations.Where((m, i) => m.Version != i + 1).Any())
        {
            var numbers = string.Join(", ", this.migrations.Select(m => $"{m.Version} ({m.Description})"));
            throw new InvalidOperationException($"The state migrations must be numbered 1, 2, 3… without gaps or duplicates; registered: {(numbers.Length == 0 ? "none" : numbers)}.");
        }
    }

    /// <summary>The version a file has once every migration is applied.</summary>
    public int LatestVersion => migrations[^1].Version;

    /// <summary>The highest version applied to the file; 0 for a new file and for one written before versions were kept.</summary>
    public static async Task<int> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var exists = connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'";
        if ((long)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 0)
        {
            return 0;
        }

        await using var version = connection.CreateCommand();
        version.Transaction = transaction;
        version.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        return (int)(long)(await version.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The migrations a file at <paramref name="version"/> still needs, in order.</summary>
    public IEnumerable<SqliteMigration> PendingAfter(int version) => migrations.Where(m => m.Version > version);

    /// <summary>Applies one migration and records it, in one transaction.</summary>
    public static async Task ApplyAsync(SqliteConnection connection, SqliteMigration migration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var transaction = connection.BeginTransaction();
        await using (var schema = connection.CreateCommand())
        {
            schema.Transaction = transaction;
            schema.CommandText = $"{CreateVersionTable};\n{migration.Sql}";
            await schema.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var record = connection.CreateCommand())
        {
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, description, applied_unix_ms) VALUES ($v, $d, $t)";
            record.Parameters.AddWithValue("$v", migration.Version);
            record.Parameters.AddWithValue("$d", migration.Description);
            record.Parameters.AddWithValue("$t", now.ToUnixTimeMilliseconds());
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
