using Streamer.Worker.State;

namespace Streamer.Worker.Media;

/// <summary>The media queue's table in the SQLite state file.</summary>
public static class SqliteMediaJobSchema
{
    /// <summary>
    /// Version 2: <c>media_jobs</c>, one row per record whose media is still to be archived or published.
    /// IF NOT EXISTS, because files written before versions were kept may already have it.
    /// </summary>
    public static SqliteMigration Migration { get; } = new(2, "media_jobs", """
        CREATE TABLE IF NOT EXISTS media_jobs (
            account TEXT NOT NULL,
            record_id TEXT NOT NULL,
            job TEXT NOT NULL,
            due_unix_ms INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            outcome TEXT NULL,
            PRIMARY KEY (account, record_id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS media_jobs_due ON media_jobs (due_unix_ms);
        """);
}
