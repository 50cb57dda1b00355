namespace Streamer.Worker.State;

/// <summary>The record store's tables in the SQLite state file: one row per record, one cursor per account, the last pass per account and horizon.</summary>
public static class SqliteStateSchema
{
    /// <summary>
    /// Version 1: <c>records</c> and <c>cursors</c>. IF NOT EXISTS, because files written before versions were
    /// kept already have these tables (exactly as here) and only gain the version row.
    /// </summary>
    public static SqliteMigration Migration { get; } = new(1, "records and cursors", """
        CREATE TABLE IF NOT EXISTS records (
            account TEXT NOT NULL,
            record_id TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            updated_unix INTEGER NOT NULL,
            status TEXT NULL,
            emoji TEXT NULL,
            version INTEGER NOT NULL,
            hashes BLOB NOT NULL,
            PRIMARY KEY (account, record_id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS records_updated ON records (account, updated_unix);
        CREATE TABLE IF NOT EXISTS cursors (
            account TEXT NOT NULL PRIMARY KEY,
            position_unix_ms INTEGER NOT NULL,
            snapshot_done INTEGER NOT NULL,
            tiers TEXT NOT NULL);
        """);

    /// <summary>Version 3: the account's snapshot cut-off on its cursor (null on cursors written before).</summary>
    public static SqliteMigration SnapshotCutoffMigration { get; } = new(3, "cursor snapshot cut-off", """
        ALTER TABLE cursors ADD COLUMN snapshot_cutoff_unix_ms INTEGER NULL;
        """);

    /// <summary>Version 5: <c>passes</c>, each account's last pass per horizon (<see cref="SqlitePassWriter"/>).</summary>
    public static SqliteMigration PassesMigration { get; } = new(5, "passes", """
        CREATE TABLE passes (
            account TEXT NOT NULL,
            horizon TEXT NOT NULL,
            finished_unix_ms INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            requests INTEGER NOT NULL,
            records INTEGER NOT NULL,
            PRIMARY KEY (account, horizon)) WITHOUT ROWID;
        """);

    /// <summary>Version 6: <c>filters</c>, each account's last decision on the API's time filter (<see cref="SqliteFilterWriter"/>).</summary>
    public static SqliteMigration FiltersMigration { get; } = new(6, "filters", """
        CREATE TABLE filters (
            account TEXT NOT NULL PRIMARY KEY,
            filter_on TEXT NOT NULL,
            basis TEXT NOT NULL,
            updated_at_votes INTEGER NOT NULL,
            created_at_votes INTEGER NOT NULL,
            unclear INTEGER NOT NULL,
            decided_unix_ms INTEGER NULL) WITHOUT ROWID;
        """);
}
