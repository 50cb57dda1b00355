using Streamer.Contracts;

namespace Streamer.IntegrationTests.Stream;

/// <summary>One delivery: the event and the MassTransit MessageId it came with.</summary>
public sealed record Received(ChatMessageEvent Event, Guid? MessageId);
