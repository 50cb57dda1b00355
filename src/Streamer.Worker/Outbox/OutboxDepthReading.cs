namespace Streamer.Worker.Outbox;

/// <summary>What waits in the outbox.</summary>
/// <param name="Rows">Entries.</param>
/// <param name="Bytes">Bytes of their serialized events.</param>
public readonly record struct OutboxDepthReading(long Rows, long Bytes);
