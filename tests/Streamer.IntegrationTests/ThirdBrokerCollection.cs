using Streamer.Testing;

namespace Streamer.IntegrationTests;

/// <summary>
/// The outbox tests: broker outages of their own virtual host (<see cref="RabbitMqBroker.StopVirtualHostAsync(Uri)"/>),
/// mostly waiting while the broker is away, run beside <see cref="BrokerCollection"/> and <see cref="SecondBrokerCollection"/>.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ThirdBrokerCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "broker-3";
}
