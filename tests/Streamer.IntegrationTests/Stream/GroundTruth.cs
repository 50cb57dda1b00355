using Streamer.Simulator.Control;
using Streamer.Worker.Detection;

namespace Streamer.IntegrationTests.Stream;

/// <summary>Turns the simulator's record of every change it made into the events Streamer must publish.</summary>
public static class GroundTruth
{
    /// <summary>
    /// The expected events. Changes up to <paramref name="snapshotSeq"/> happened before Streamer first started:
    /// the initial snapshot shows each such record once, as it stands, so only their creation is expected.
    /// </summary>
    public static IReadOnlyList<ExpectedEvent> Expected(IReadOnlyList<SimChange> changes, string tenantId, long snapshotSeq = 0) =>
        changes
            .Where(c => c.Kind != SimChangeKinds.Rejected && (c.Seq > snapshotSeq || c.Kind == SimChangeKinds.Created))
            .Select(c => new ExpectedEvent(IdOf(c, tenantId), c.RecordId, c.Kind, c.Seq))
            .ToList();

    /// <summary>The event id of one change, by the same rule the detector applies.</summary>
    public static Guid IdOf(SimChange change, string tenantId) => change.Kind switch
    {
        SimChangeKinds.Created => EventIds.Created(tenantId, change.RecordId),
        SimChangeKinds.Status => EventIds.Status(tenantId, change.RecordId, change.Status!),
        SimChangeKinds.Reaction => EventIds.Reaction(tenantId, change.RecordId, change.UpdatedAt, change.Emoji),
        SimChangeKinds.Updated => EventIds.Updated(tenantId, change.RecordId, change.UpdatedAt, change.Fields!.Keys),
        _ => throw new InvalidOperationException($"Unknown change kind {change.Kind}."),
    };
}
