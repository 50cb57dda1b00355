using Streamer.Testing;

namespace Streamer.IntegrationTests;

/// <summary>A second collection of isolated broker tests, run beside <see cref="BrokerCollection"/> to halve the suite's wall time.</summary>
[CollectionDefinition(Name)]
public sealed class SecondBrokerCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "broker-2";
}
