namespace Streamer.Contracts;

/// <summary>
/// The media file of a chat record could not be archived, for good: the link expired, the file is gone or
/// too large, or the storage kept failing. Shares its <see cref="EventId"/> with <see cref="ChatMediaArchived"/>:
/// a record gets one archiving outcome.
/// </summary>
public sealed record ChatMediaArchiveFailed
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

    /// <summary>The record's <c>mime_type</c>.</summary>
    public string? MimeType { get; init; }

    /// <summary>Why it failed.</summary>
    public required MediaArchiveFailure Reason { get; init; }

    /// <summary>What happened, for an operator: for example "HTTP 403 AccessDenied". Never the link itself.</summary>
    public required string Detail { get; init; }

    /// <summary>How many downloads were tried.</summary>
    public required int Attempts { get; init; }

    /// <summary>When Streamer gave up.</summary>
    public required DateTimeOffset FailedAt { get; init; }
}
