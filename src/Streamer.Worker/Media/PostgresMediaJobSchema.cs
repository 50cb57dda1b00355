using Streamer.Worker.State.Postgres;

namespace Streamer.Worker.Media;

/// <summary>The media queue's table in the PostgreSQL state database.</summary>
public static class PostgresMediaJobSchema
{
    /// <summary>Version 2: <c>media_jobs</c>, one row per record whose media is still to be archived or published.</summary>
    public static PostgresMigration Migration { get; } = new(2, "media_jobs", """
        CREATE TABLE media_jobs (
            account text NOT NULL,
            record_id text NOT NULL,
            job text NOT NULL,
            due_unix_ms bigint NOT NULL,
            attempts integer NOT NULL,
            outcome text NULL,
            PRIMARY KEY (account, record_id));
        CREATE INDEX media_jobs_due ON media_jobs (due_unix_ms);
        """);
}
