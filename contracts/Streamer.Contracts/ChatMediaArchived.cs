namespace Streamer.Contracts;

/// <summary>
/// The media file of a chat record was downloaded from its expiring link and stored for good. Published at
/// most once per record after deduplication by <see cref="ChatMediaArchiveOutcome.EventId"/>; a record whose
/// media could not be stored gets a <see cref="ChatMediaArchiveFailed"/> with the same id instead.
/// </summary>
public sealed record ChatMediaArchived : ChatMediaArchiveOutcome
{
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
