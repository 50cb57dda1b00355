using MassTransit;
using RabbitMQ.Client;

namespace Streamer.Worker.Publishing;

/// <summary>
/// A broker's AMQP URI as RabbitMQ.Client reads it (the only parser of <c>Rabbit:Uri</c>): host, port,
/// virtual host, credentials and TLS for MassTransit and the CLI, and connection factories for the raw client.
/// </summary>
public sealed record AmqpAddress
{
    private const string Invalid = "Rabbit:Uri must be an amqp:// or amqps:// URI, for example amqp://guest:guest@localhost:5672/.";

    private readonly Uri uri;

    private AmqpAddress(Uri uri, ConnectionFactory parsed)
    {
        this.uri = uri;
        Host = parsed.HostName;
        Port = (ushort)parsed.Port;
        VirtualHost = parsed.VirtualHost;
        UserName = parsed.UserName;
        Password = parsed.Password;
        UseTls = parsed.Ssl.Enabled;
    }

    /// <summary>Host name ("localhost" when the URI has none).</summary>
    public string Host { get; }

    /// <summary>Port (5672 by default, 5671 for amqps).</summary>
    public ushort Port { get; }

    /// <summary>Virtual host ("/" by default).</summary>
    public string VirtualHost { get; }

    /// <summary>User name ("guest" by default).</summary>
    public string UserName { get; }

    /// <summary>Password ("guest" by default).</summary>
    public string Password { get; }

    /// <summary>True for amqps.</summary>
    public bool UseTls { get; }

    /// <summary>Reads an amqp:// or amqps:// URI; throws <see cref="FormatException"/> for anything else.</summary>
    public static AmqpAddress Parse(string uri)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed))
        {
            try
            {
                return new AmqpAddress(parsed, new ConnectionFactory { Uri = parsed });
            }
            catch (ArgumentException)
            {
                // A scheme other than amqp(s), more than one path segment, or a malformed user info.
            }
        }

        throw new FormatException(Invalid);
    }

    /// <summary>A RabbitMQ.Client connection factory for this broker, named in the management UI as <paramref name="clientProvidedName"/>.</summary>
    public ConnectionFactory CreateConnectionFactory(string clientProvidedName) => new() { Uri = uri, ClientProvidedName = clientProvidedName };

    /// <summary>Points a MassTransit bus at this broker (TLS for amqps); <paramref name="configure"/> adds host settings.</summary>
    public void ConfigureHost(IRabbitMqBusFactoryConfigurator bus, Action<IRabbitMqHostConfigurator>? configure = null) =>
        bus.Host(Host, Port, VirtualHost, host =>
        {
            host.Username(UserName);
            host.Password(Password);
            if (UseTls)
            {
                host.UseSsl(ssl => ssl.ServerName = Host);
            }

            configure?.Invoke(host);
        });

    /// <inheritdoc />
    public override string ToString() => $"{(UseTls ? "amqps" : "amqp")}://{Host}:{Port}/{VirtualHost.TrimStart('/')}";
}
