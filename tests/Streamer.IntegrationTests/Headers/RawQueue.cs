using System.Text;
using System.Text.Json;
using RabbitMQ.Client;

namespace Streamer.IntegrationTests.Headers;

/// <summary>One message as a consumer that is not MassTransit sees it: its AMQP headers and the event's JSON.</summary>
/// <param name="Headers">The AMQP headers whose values are text, decoded.</param>
/// <param name="MessageType">The event type, from the envelope's first <c>messageType</c> urn.</param>
/// <param name="Message">The envelope's <c>message</c>.</param>
public sealed record RawMessage(IReadOnlyDictionary<string, string> Headers, string MessageType, JsonElement Message)
{
    /// <summary>Reads what <see cref="IChannel.BasicGetAsync"/> returned.</summary>
    public static RawMessage Of(BasicGetResult result)
    {
        var headers = (result.BasicProperties.Headers ?? new Dictionary<string, object?>())
            .Where(h => h.Value is byte[])
            .ToDictionary(h => h.Key, h => Encoding.UTF8.GetString((byte[])h.Value!), StringComparer.Ordinal);
        using var envelope = JsonDocument.Parse(result.Body);
        var type = envelope.RootElement.GetProperty("messageType")[0].GetString()!;
        return new RawMessage(headers, type[(type.LastIndexOf(':') + 1)..], envelope.RootElement.GetProperty("message").Clone());
    }
}
