namespace Streamer.Contracts;

/// <summary>
/// The delivery status of a message moved forward (sent, delivered, read, or failed). Statuses only
/// move forward; when the API skipped a step between two observations (sent then read), the skipped
/// step is emitted as its own event with <see cref="Inferred"/> set.
/// </summary>
public sealed record ChatMessageStatusChanged : ChatMessageEvent
{
    /// <summary>The status before the change, or null if the message had none.</summary>
    public string? PreviousStatus { get; init; }

    /// <summary>The new status: sent, delivered, read, failed or another string the API sent.</summary>
    public required string Status { get; init; }

    /// <summary>True when Streamer did not observe this step itself but it must have happened (a skipped step).</summary>
    public bool Inferred { get; init; }

    /// <summary>The failure reason (<c>remark</c>) when <see cref="Status"/> is failed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>
    /// Whether Streamer saw this change happen (<see cref="ChangeOrigin.Live"/>) or rebuilt it from history
    /// (<see cref="ChangeOrigin.Backfill"/>). Null only in events published before Streamer set it.
    /// </summary>
    public ChangeOrigin? Origin { get; init; }
}
