namespace Streamer.Benchmarks.Sections;

/// <summary>A serialized event ready for the raw client.</summary>
/// <param name="Exchange">Its type's exchange.</param>
/// <param name="MessageId">The AMQP message-id (the event id).</param>
/// <param name="Body">The envelope's bytes.</param>
public sealed record RawMessage(string Exchange, string MessageId, byte[] Body);
