namespace Streamer.IntegrationTests.Stream;

/// <summary>An event the ground truth says must reach the broker.</summary>
/// <param name="EventId">Its deterministic id, computed from the simulator's change.</param>
/// <param name="RecordId">The record.</param>
/// <param name="Kind">created, status, reaction or updated.</param>
/// <param name="Seq">The change's place in the simulator's order.</param>
public sealed record ExpectedEvent(Guid EventId, string RecordId, string Kind, long Seq);
