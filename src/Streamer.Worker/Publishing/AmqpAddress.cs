namespace Streamer.Worker.Publishing;

/// <summary>The parts of an AMQP URI MassTransit's host configuration wants.</summary>
/// <param name="Host">Host name.</param>
/// <param name="Port">Port (5672 by default, 5671 for amqps).</param>
/// <param name="VirtualHost">Virtual host ("/" by default).</param>
/// <param name="UserName">User name ("guest" by default).</param>
/// <param name="Password">Password ("guest" by default).</param>
/// <param name="UseTls">True for amqps.</param>
public sealed record AmqpAddress(string Host, ushort Port, string VirtualHost, string UserName, string Password, bool UseTls)
{
    /// <summary>Reads an amqp:// or amqps:// URI.</summary>
    public static AmqpAddress Parse(string uri)
    {
        if (!System.Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || (parsed.Scheme != "amqp" && parsed.Scheme != "amqps"))
        {
            throw new FormatException("Rabbit:Uri must be an amqp:// or amqps:// URI, for example amqp://guest:guest@localhost:5672/.");
        }

        var tls = parsed.Scheme == "amqps";
        var port = parsed.IsDefaultPort || parsed.Port <= 0 ? (tls ? 5671 : 5672) : parsed.Port;
        var path = System.Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/'));
        var user = "guest";
        var password = "guest";
        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            var parts = parsed.UserInfo.Split(':', 2);
            user = System.Uri.UnescapeDataString(parts[0]);
            password = parts.Length > 1 ? System.Uri.UnescapeDataString(parts[1]) : string.Empty;
        }

        return new AmqpAddress(parsed.Host, (ushort)port, path.Length == 0 ? "/" : path, user, password, tls);
    }

    /// <inheritdoc />
    public override string ToString() => $"{(UseTls ? "amqps" : "amqp")}://{Host}:{Port}/{VirtualHost.TrimStart('/')}";
}
