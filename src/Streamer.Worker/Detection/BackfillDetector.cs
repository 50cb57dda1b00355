using Streamer.Contracts;
using Streamer.Nxlink;

namespace Streamer.Worker.Detection;

/// <summary>
/// What <c>streamer backfill</c> publishes for a record read again, without any remembered state: the
/// record as first seen (<see cref="ChangeOrigin.Backfill"/>), and for an outbound message whose status has
/// moved past sent, the steps from sent to its current status, each marked inferred. Creations and status
/// steps get the ids the stream gave them (ids depend on tenant, record and status only). Reactions and
/// field updates are not re-emitted: their ids include the time of each change, which the record no
/// longer shows; their current values are in the creation event.
/// </summary>
public static class BackfillDetector
{
    /// <summary>The backfill events of <paramref name="record"/>, or a rejection.</summary>
    public static DetectionResult Detect(ChatRecord record, DetectionContext context)
    {
        // Everything a backfill emits is rebuilt from history, whatever the caller's context says.
        context = context with { OriginOfNew = ChangeOrigin.Backfill, HistoricalBefore = null, SnapshotBefore = null };
        var result = ChangeDetector.Detect(null, record, context);
        if (result.IsRejected || result.Events[0] is not ChatMessageCreated { Direction: ChatDirection.Outbound } created)
        {
            return result;
        }

        var steps = MessageStatusText.Parse(created.Status) switch
        {
            MessageStatus.Delivered => [MessageStatusText.Delivered],
            MessageStatus.Read => [MessageStatusText.Delivered, MessageStatusText.Read],

            // Whether it was delivered before it failed is not in the record: only the failure is re-emitted.
            MessageStatus.Failed => new[] { MessageStatusText.Failed },
            _ => [],
        };
        if (steps.Length == 0)
        {
            return result;
        }

        NxlinkTime.TryParse(record.UpdatedAt, context.TimeZone, out var updatedAt);
        var events = new List<ChatMessageEvent>(steps.Length + 1) { created with { Status = MessageStatusText.Sent } };
        var previous = MessageStatusText.Sent;
        var version = created.Version;
        foreach (var step in steps)
        {
            events.Add(EventMapper.Status(record, context, updatedAt, ++version, previous, step, inferred: true));
            previous = step;
        }

        return result with { Events = events, Snapshot = result.Snapshot! with { Version = version } };
    }
}
