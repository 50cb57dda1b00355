using Streamer.Testing;

namespace Streamer.IntegrationTests;

/// <summary>
/// Tests that need RabbitMQ join this collection (or <see cref="SecondBrokerCollection"/>) with
/// <c>[Collection(BrokerCollection.Name)]</c> and take a <see cref="RabbitMqBroker"/> in their constructor;
/// each isolates itself in its own virtual host, so the two collections run at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "broker";
}
