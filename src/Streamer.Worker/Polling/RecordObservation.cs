using Streamer.Worker.Detection;
using Streamer.Worker.Outbox;

namespace Streamer.Worker.Polling;

/// <summary>What one observation of a record gives: its detection and its events' outbox entries, or why it is rejected.</summary>
/// <param name="Result">The detector's result; default when rejected.</param>
/// <param name="Entries">The outbox entries of <see cref="DetectionResult.Events"/>, in their order; empty when rejected.</param>
/// <param name="RejectReason">Why the record cannot be turned into events, or null.</param>
internal readonly record struct RecordObservation(DetectionResult Result, IReadOnlyList<OutboxEntry> Entries, string? RejectReason)
{
    /// <summary>A record to reject for <paramref name="reason"/>.</summary>
    public static RecordObservation Rejected(string reason) => new(default, [], reason);
}
