using Streamer.Worker.State.Postgres;

namespace Streamer.Worker.Outbox;

/// <summary>The outbox's table in the PostgreSQL state database.</summary>
public static class PostgresOutboxSchema
{
    /// <summary>
    /// Version 3: <c>outbox</c>, one row per event committed and not yet confirmed by the broker, in commit
    /// order (<c>seq</c>, from <c>outbox_seq</c>, never reused), with the W3C trace context of the detection
    /// that produced it (null when nothing traced it), so its publish continues that trace.
    /// </summary>
    public static PostgresMigration Migration { get; } = new(3, "outbox", """
        CREATE SEQUENCE outbox_seq AS bigint;
        CREATE TABLE outbox (
            seq bigint NOT NULL PRIMARY KEY,
            account text NOT NULL,
            order_key text NOT NULL,
            event_id uuid NOT NULL,
            type text NOT NULL,
            body bytea NOT NULL,
            created_unix_ms bigint NOT NULL,
            trace_parent text NULL,
            trace_state text NULL);
        """);
}
