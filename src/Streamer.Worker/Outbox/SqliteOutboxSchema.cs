using Streamer.Worker.State;

namespace Streamer.Worker.Outbox;

/// <summary>The outbox's table in the SQLite state file.</summary>
public static class SqliteOutboxSchema
{
    /// <summary>
    /// Version 4: <c>outbox</c>, one row per event committed and not yet confirmed by the broker, in commit
    /// order (<c>seq</c>, never reused).
    /// </summary>
    public static SqliteMigration Migration { get; } = new(4, "outbox", """
        CREATE TABLE outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            account TEXT NOT NULL,
            order_key TEXT NOT NULL,
            event_id TEXT NOT NULL,
            type TEXT NOT NULL,
            body BLOB NOT NULL,
            created_unix_ms INTEGER NOT NULL);
        """);

    /// <summary>
    /// Version 7: the W3C trace context (<c>traceparent</c>, <c>tracestate</c>) of the detection that produced each
    /// entry, so its publish continues that trace; null for entries written before, or while nothing traced.
    /// </summary>
    public static SqliteMigration TraceContextMigration { get; } = new(7, "outbox trace context", """
        ALTER TABLE outbox ADD COLUMN trace_parent TEXT NULL;
        ALTER TABLE outbox ADD COLUMN trace_state TEXT NULL;
        """);
}
