namespace Streamer.Worker.State.Postgres;

/// <summary>
/// The record store's tables in the PostgreSQL state database: one row per record and one cursor per
/// account, the last pass per account and horizon, the last filter decision per account. Every table is keyed
/// by account first, so several workers share one database. Instants are Unix milliseconds as in SQLite.
/// </summary>
public static class PostgresStateSchema
{
    /// <summary>Version 1: <c>records</c>, <c>cursors</c>, <c>passes</c> and <c>filters</c>.</summary>
    public static PostgresMigration Migration { get; } = new(1, "records, cursors, passes and filters", """
        CREATE TABLE records (
            account text NOT NULL,
            record_id text NOT NULL,
            updated_at text NOT NULL,
            updated_unix bigint NOT NULL,
            status text NULL,
            emoji text NULL,
            version bigint NOT NULL,
            hashes bytea NOT NULL,
            PRIMARY KEY (account, record_id));
        CREATE INDEX records_updated ON records (account, updated_unix);
        CREATE TABLE cursors (
            account text NOT NULL PRIMARY KEY,
            position_unix_ms bigint NOT NULL,
            snapshot_done boolean NOT NULL,
            tiers text NOT NULL,
            snapshot_cutoff_unix_ms bigint NULL);
        CREATE TABLE passes (
            account text NOT NULL,
            horizon text NOT NULL,
            finished_unix_ms bigint NOT NULL,
            duration_ms bigint NOT NULL,
            requests integer NOT NULL,
            records integer NOT NULL,
            PRIMARY KEY (account, horizon));
        CREATE TABLE filters (
            account text NOT NULL PRIMARY KEY,
            filter_on text NOT NULL,
            basis text NOT NULL,
            updated_at_votes integer NOT NULL,
            created_at_votes integer NOT NULL,
            unclear integer NOT NULL,
            decided_unix_ms bigint NULL);
        """);
}
