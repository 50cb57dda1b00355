using System.Collections.Concurrent;

namespace Streamer.Contracts.Net8.Tests;

/// <summary>What the consumers of the test bus received: the message and its MassTransit message id.</summary>
public sealed class Received
{
    /// <summary>Each message received, by its message id.</summary>
    public ConcurrentDictionary<Guid, object> Messages { get; } = new();
}
