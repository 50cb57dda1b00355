namespace Streamer.Worker.State.Postgres;

/// <summary>
/// One forward-only step of the PostgreSQL state schema, as <see cref="SqliteMigration"/> is for SQLite:
/// each area contributes its own through DI, numbered 1, 2, 3… across all areas, and
/// <see cref="PostgresStateDatabase"/> applies the missing ones in order.
/// </summary>
/// <param name="Version">Its place in the order; the database records the highest version applied.</param>
/// <param name="Description">What it adds, for the version table and the log.</param>
/// <param name="Sql">The statements; they run in one transaction with the version row (PostgreSQL's DDL is transactional), so a step is applied whole or not at all.</param>
public sealed record PostgresMigration(int Version, string Description, string Sql);
