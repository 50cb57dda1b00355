using Streamer.Testing;

namespace Streamer.IntegrationTests;

/// <summary>
/// Tests that must run alone, after the parallel collections: the one that stops the broker process itself
/// (<see cref="RabbitMqBroker.StopBrokerAsync"/>: every virtual host goes down with it), and those whose
/// timing a loaded machine would change (the kill test). An outage that only needs "the broker is gone" for
/// one test takes down that test's own virtual host instead (<see cref="RabbitMqBroker.StopVirtualHostAsync(Uri)"/>)
/// and runs in a parallel collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrokerOutageCollection : ICollectionFixture<RabbitMqBroker>
{
    public const string Name = "broker-outage";
}
