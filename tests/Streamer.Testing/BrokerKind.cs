namespace Streamer.Testing;

/// <summary>Where the broker of a <see cref="RabbitMqBroker"/> came from.</summary>
public enum BrokerKind
{
    /// <summary>Given by STREAMER_RABBITMQ and not on this machine: it cannot be stopped from here.</summary>
    External,

    /// <summary>A rabbitmq-server on this machine (eng/broker.sh, or STREAMER_RABBITMQ on loopback): controlled with rabbitmqctl.</summary>
    Local,

    /// <summary>A Testcontainers RabbitMQ container started for this test process.</summary>
    Container,
}
