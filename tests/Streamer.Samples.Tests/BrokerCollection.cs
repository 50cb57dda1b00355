using Streamer.Testing;

namespace Streamer.Samples.Tests;

/// <summary>
/// Tests that need RabbitMQ join this collection and take a <see cref="RabbitMqBroker"/> in their
/// constructor; each test isolates itself in its own virtual host.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "broker";
}
