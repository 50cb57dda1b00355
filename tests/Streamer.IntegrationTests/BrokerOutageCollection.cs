using Streamer.Testing;

namespace Streamer.IntegrationTests;

/// <summary>
/// Tests that must run alone, after the parallel collections: those that stop the broker itself (every
/// virtual host goes down with it), and those whose timing a loaded machine would change.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerOutageCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "broker-outage";
}
