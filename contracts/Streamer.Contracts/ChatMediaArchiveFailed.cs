namespace Streamer.Contracts;

/// <summary>
/// The media file of a chat record could not be archived, for good: the link expired, the file is gone or
/// too large, or the storage kept failing. Shares its <see cref="ChatMediaArchiveOutcome.EventId"/> with
/// <see cref="ChatMediaArchived"/>: a record gets one archiving outcome.
/// </summary>
public sealed record ChatMediaArchiveFailed : ChatMediaArchiveOutcome
{
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
