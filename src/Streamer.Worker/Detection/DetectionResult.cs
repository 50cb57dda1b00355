using Streamer.Contracts;

namespace Streamer.Worker.Detection;

/// <summary>The outcome of observing one record.</summary>
/// <param name="Events">The events, in the order they must reach consumers; empty when nothing changed.</param>
/// <param name="Snapshot">The state to remember (the previous one when nothing changed); null when rejected.</param>
/// <param name="BackwardSteps">Status steps backwards that were seen and not emitted.</param>
/// <param name="RejectReason">Why the record cannot be turned into events, or null.</param>
public readonly record struct DetectionResult(
    IReadOnlyList<ChatMessageEvent> Events,
    RecordSnapshot? Snapshot,
    int BackwardSteps,
    string? RejectReason)
{
    /// <summary>True when the record could not be read.</summary>
    public bool IsRejected => RejectReason is not null;

    /// <summary>A record that cannot be turned into events.</summary>
    public static DetectionResult Rejected(string reason) => new([], null, 0, reason);
}
