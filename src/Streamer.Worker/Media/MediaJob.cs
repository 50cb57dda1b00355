namespace Streamer.Worker.Media;

/// <summary>
/// A media file to archive: what the record said when it was first streamed. Written to the state store in
/// the same transaction as the record's snapshot, so a job exists exactly for the records committed.
/// </summary>
public sealed record MediaJob
{
    /// <summary>The account that streamed the record.</summary>
    public required string Account { get; init; }

    /// <summary>The record's tenant.</summary>
    public required string TenantId { get; init; }

    /// <summary>The record's id.</summary>
    public required string RecordId { get; init; }

    /// <summary>The WhatsApp message id.</summary>
    public string? MessageId { get; init; }

    /// <summary>The conversation id.</summary>
    public string? ConversationId { get; init; }

    /// <summary>The file name the record gives.</summary>
    public string? FileName { get; init; }

    /// <summary>The MIME type the record gives.</summary>
    public string? MimeType { get; init; }

    /// <summary>The signed download link (a credential: never logged).</summary>
    public required string Link { get; init; }

    /// <summary>When the link expires, read from its signed query (<see cref="Nxlink.MediaLinkExpiry"/>); null when unknown.</summary>
    public DateTimeOffset? LinkExpiresAt { get; init; }
}
