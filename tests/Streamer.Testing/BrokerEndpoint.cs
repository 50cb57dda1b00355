using Testcontainers.RabbitMq;

namespace Streamer.Testing;

/// <summary>A resolved broker: how to reach it over AMQP and its management API, and how it is run.</summary>
internal sealed record BrokerEndpoint(
    BrokerKind Kind,
    Uri AmqpUri,
    Uri ManagementUri,
    string UserName,
    string Password,
    RabbitMqContainer? Container);
