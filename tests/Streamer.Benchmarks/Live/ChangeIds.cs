using Streamer.Simulator.Control;
using Streamer.Worker.Detection;

namespace Streamer.Benchmarks.Live;

/// <summary>The event id the stream gives a change of the simulator's ground truth (the detector's own rules).</summary>
public static class ChangeIds
{
    /// <summary>The id of the event for <paramref name="change"/>.</summary>
    public static Guid Of(SimChange change, string tenantId) => change.Kind switch
    {
        SimChangeKinds.Created => EventIds.Created(tenantId, change.RecordId),
        SimChangeKinds.Status => EventIds.Status(tenantId, change.RecordId, change.Status!),
        SimChangeKinds.Reaction => EventIds.Reaction(tenantId, change.RecordId, change.UpdatedAt, change.Emoji),
        SimChangeKinds.Updated => EventIds.Updated(tenantId, change.RecordId, change.UpdatedAt, change.Fields!.Keys),
        _ => throw new InvalidOperationException($"Unknown change kind {change.Kind}."),
    };
}
