using Streamer.Testing;

namespace Streamer.IntegrationTests;

/// <summary>
/// Tests that stop the broker itself: every virtual host goes down with it, so they run alone, after the
/// parallel collections.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerOutageCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "broker-outage";
}
