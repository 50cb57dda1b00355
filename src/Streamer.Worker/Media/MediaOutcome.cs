using Streamer.Contracts;

namespace Streamer.Worker.Media;

/// <summary>
/// How a job ended: stored (<see cref="Sha256"/> set) or failed for good (<see cref="Failure"/> set). Saved
/// before it is published, so a crash between the two re-publishes the same outcome instead of deciding anew.
/// </summary>
public sealed record MediaOutcome
{
    /// <summary>When it was decided.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>Download rounds it took.</summary>
    public required int Attempts { get; init; }

    /// <summary>SHA-256 of the stored content, lowercase hex.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Size of the stored content.</summary>
    public long Size { get; init; }

    /// <summary>The served (else the record's) content type.</summary>
    public string? MimeType { get; init; }

    /// <summary>The content store's URI of the content.</summary>
    public string? Location { get; init; }

    /// <summary>Why it failed, when it did.</summary>
    public MediaArchiveFailure? Failure { get; init; }

    /// <summary>What happened, when it failed.</summary>
    public string? Detail { get; init; }
}
