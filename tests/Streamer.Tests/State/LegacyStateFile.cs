using System.Globalization;
using Streamer.Worker.Detection;
using Streamer.Worker.Media;
using Streamer.Worker.State;

namespace Streamer.Tests.State;

/// <summary>
/// A state file as the worker wrote it before schema versions were kept: its statements verbatim, no
/// <c>schema_version</c> table, and one account's record, cursor and (when the file has the queue) media job.
/// </summary>
internal static class LegacyStateFile
{
    public const string Account = "a";

    private const string RecordsAndCursors = """
        PRAGMA journal_mode = WAL;
        PRAGMA synchronous = NORMAL;
        PRAGMA busy_timeout = 5000;
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
        """;

    private const string MediaQueue = """
        CREATE TABLE IF NOT EXISTS media_jobs (
            account TEXT NOT NULL,
            record_id TEXT NOT NULL,
            job TEXT NOT NULL,
            due_unix_ms INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            outcome TEXT NULL,
            PRIMARY KEY (account, record_id)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS media_jobs_due ON media_jobs (due_unix_ms);
        """;

    /// <summary>The record the file holds; its hashes are stored as little-endian 64-bit integers in one BLOB.</summary>
    public static RecordSnapshot Snapshot { get; } = new(
        "r1", "2026-11-24 10:00:00", 1_795_000_000, "read", "👍", 4, [.. Enumerable.Range(0, RecordFields.Count).Select(i => ulong.MaxValue - (ulong)i)]);

    /// <summary>The account's cursor in the file.</summary>
    public static AccountCursor Cursor { get; } = new(
        DateTimeOffset.FromUnixTimeMilliseconds(1_795_000_000_123), true, new Dictionary<string, DateTimeOffset> { ["0"] = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000) });

    /// <summary>The media job queued for the record, three attempts in.</summary>
    public static MediaJob Job { get; } = new() { Account = Account, TenantId = "1", RecordId = "r1", MessageId = "wamid.r1", ConversationId = "c1", FileName = "a.jpg", MimeType = "image/jpeg", Link = "https://media.example.com/a.jpg", LinkExpiresAt = null };

    /// <summary>Writes the file; <paramref name="withMediaQueue"/> false gives a file from before media archiving.</summary>
    public static void Create(SqliteStateFile file, bool withMediaQueue)
    {
        var hashes = Convert.ToHexString([.. Snapshot.FieldHashes.SelectMany(BitConverter.GetBytes)]);
        var sql = string.Create(CultureInfo.InvariantCulture, $$"""
            {{RecordsAndCursors}}
            {{(withMediaQueue ? MediaQueue : string.Empty)}}
            INSERT INTO records VALUES ('{{Account}}', '{{Snapshot.RecordId}}', '{{Snapshot.UpdatedAt}}', {{Snapshot.UpdatedAtUnix}}, '{{Snapshot.Status}}', '{{Snapshot.Emoji}}', {{Snapshot.Version}}, X'{{hashes}}');
            INSERT INTO cursors VALUES ('{{Account}}', {{Cursor.Position.ToUnixTimeMilliseconds()}}, 1, '{"0":"{{Cursor.TierRuns["0"]:O}}"}');
            """);
        if (withMediaQueue)
        {
            sql += """
                INSERT INTO media_jobs VALUES ('a', 'r1', '{"Account":"a","TenantId":"1","RecordId":"r1","MessageId":"wamid.r1","ConversationId":"c1","FileName":"a.jpg","MimeType":"image/jpeg","Link":"https://media.example.com/a.jpg"}', 0, 3, NULL);
                """;
        }

        file.Execute(sql);
    }
}
