using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Streamer.Contracts;
using Streamer.Worker.Publishing;

namespace Streamer.Benchmarks.Events;

/// <summary>
/// Serializes an event the way MassTransit's System.Text.Json serializer puts it on the wire: the
/// <c>application/vnd.masstransit+json</c> envelope (ids, addresses, message types, sent time, host) around the
/// camelCase message, indented. The raw client then publishes bodies of the shape and size of MassTransit's
/// (compare raw_message_bytes with masstransit_message_bytes in the report).
/// </summary>
public static class EnvelopeSerializer
{
    /// <summary>The content type MassTransit sets.</summary>
    public const string ContentType = "application/vnd.masstransit+json";

    // As MassTransit 8 writes it: indented, nulls kept, enums as numbers, non-ASCII escaped.
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    /// <summary>The envelope's bytes for <paramref name="message"/> published on the virtual host at <paramref name="vhost"/>.</summary>
    public static byte[] Serialize(ChatMessageEvent message, Uri vhost)
    {
        var type = message.GetType();
        var exchange = EventTypes.ExchangeName(type);
        var address = $"rabbitmq://{vhost.Host}{vhost.AbsolutePath.TrimEnd('/')}";
        using var buffer = new MemoryStream(2048);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("messageId", message.EventId);
            json.WriteNull("requestId");
            json.WriteString("correlationId", message.EventId);
            json.WriteString("conversationId", Guid.NewGuid());
            json.WriteNull("initiatorId");
            json.WriteString("sourceAddress", $"{address}/{Environment.MachineName}_StreamerWorker_bus_{Guid.NewGuid():N}?temporary=true");
            json.WriteString("destinationAddress", $"{address}/{exchange}");
            json.WriteNull("responseAddress");
            json.WriteNull("faultAddress");
            json.WriteStartArray("messageType");
            json.WriteStringValue($"urn:message:{exchange}");
            json.WriteStringValue($"urn:message:{EventTypes.ExchangeName(typeof(ChatMessageEvent))}");
            json.WriteEndArray();
            json.WritePropertyName("message");
            JsonSerializer.Serialize(json, message, type, Options);
            json.WriteNull("expirationTime");
            json.WriteString("sentTime", DateTime.UtcNow);
            json.WriteStartObject("headers");
            json.WriteEndObject();
            json.WriteStartObject("host");
            json.WriteString("machineName", Environment.MachineName);
            json.WriteString("processName", Process.GetCurrentProcess().ProcessName);
            json.WriteNumber("processId", Environment.ProcessId);
            json.WriteString("assembly", "Streamer.Worker");
            json.WriteString("assemblyVersion", "1.0.0.0");
            json.WriteString("frameworkVersion", Environment.Version.ToString());
            json.WriteString("massTransitVersion", typeof(MassTransit.IBus).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "8");
            json.WriteString("operatingSystemVersion", Environment.OSVersion.ToString());
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
