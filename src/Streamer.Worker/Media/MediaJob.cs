namespace Streamer.Worker.Media;

/// <summary>
/// A media file to archive: what the record said when it was first streamed. Written to the state store in
/// the same transaction as the record's snapshot, so a job exists exactly for the records committed.
/// </summary>
public sealed record MediaJob(
    string Account,
    string TenantId,
    string RecordId,
    string? MessageId,
    string? ConversationId,
    string? FileName,
    string? MimeType,
    string Link,
    DateTimeOffset? LinkExpiresAt);
