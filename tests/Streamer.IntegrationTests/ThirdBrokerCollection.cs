using Streamer.Testing;

namespace Streamer.IntegrationTests;

/// <summary>A third collection of isolated broker tests (short, light runs), beside the other two.</summary>
[CollectionDefinition(Name)]
public sealed class ThirdBrokerCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "broker-3";
}
