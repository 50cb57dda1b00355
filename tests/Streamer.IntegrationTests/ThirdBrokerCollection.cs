using Streamer.Testing;

namespace Streamer.IntegrationTests;

/// <summary>
/// The outbox tests: broker outages of their own virtual host (<see cref="RabbitMqBroker.StopVirtualHostAsync(Uri)"/>),
/// mostly waiting while the broker is away, run beside <see cref="BrokerCollection"/> and <see cref="SecondBrokerCollection"/>.
/// The command-line tests that need no broker run here too: outside a collection each takes one of the three running
/// slots at the start and holds the longest collection back by half a minute.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ThirdBrokerCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "broker-3";
}
