namespace Streamer.Contracts;

/// <summary>
/// The media file of a chat record was downloaded from its expiring link and stored for good. Published at
/// most once per record after deduplication by <see cref="EventId"/>; a record whose media could not be
/// stored gets a <see cref="ChatMediaArchiveFailed"/> with the same <see cref="EventId"/> instead.
/// Not a <see cref="ChatMessageEvent"/>: archiving runs beside the message stream and has no place in a
/// record's <see cref="ChatMessageEvent.Version"/> order.
/// </summary>
public sealed record ChatMediaArchived
{
    /// <summary>Deterministic id of the record's archiving outcome: the same for archived and failed.</summary>
    public required Guid EventId { get; init; }

    /// <summary>The tenant id of the account.</summary>
    public required string TenantId { get; init; }

    /// <summary>The name of the Streamer account that read the record.</summary>
    public required string Account { get; init; }

    /// <summary>The chat record's id (<c>id</c>).</summary>
    public required string RecordId { get; init; }

    /// <summary>The WhatsApp message id (<c>message_id</c>), when the record has one.</summary>
    public string? MessageId { get; init; }

    /// <summary>The conversation (<c>conversation_id</c>).</summary>
    public string? ConversationId { get; init; }

    /// <summary>The file name the record gives (<c>filename</c>).</summary>
    public string? FileName { get; init; }

    /// <summary>The stored file's media type: the one the storage served, else the record's <c>mime_type</c>.</summary>
    public required string MimeType { get; init; }

    /// <summary>Size in bytes.</summary>
    public required long Size { get; init; }

    /// <summary>SHA-256 of the content, lowercase hex. Equal content is stored once.</summary>
    public required string Sha256 { get; init; }

    /// <summary>
    /// Where the content is stored, as a URI of the content store: <c>file:///var/lib/streamer/media/ab/cd/abcd…</c>
    /// for the file system store, <c>s3://bucket/key</c> for an S3 compatible one.
    /// </summary>
    public required string Location { get; init; }

    /// <summary>When the content was stored.</summary>
    public required DateTimeOffset ArchivedAt { get; init; }
}
