using System.Text.Json;
using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;
using Streamer.Contracts;
using Streamer.Worker.Publishing;

namespace Streamer.Benchmarks.Events;

/// <summary>
/// Serializes an event the way the worker's MassTransit puts it on the wire: MassTransit's own serializer
/// writes its <c>application/vnd.masstransit+json</c> envelope (ids, addresses, message types, sent time, host)
/// around the camelCase message, in the worker's form (<c>Rabbit:CompactJson</c>: compact by default, or
/// MassTransit's indented form with every null). The raw client then publishes bodies of the shape and size of
/// the worker's (compare raw_message_bytes with masstransit_message_bytes in the report).
/// </summary>
public static class EnvelopeSerializer
{
    /// <summary>The content type MassTransit sets.</summary>
    public const string ContentType = "application/vnd.masstransit+json";

    private static readonly JsonSerializerOptions Compact = WireJson.Apply(new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options), compact: true);

    private static readonly JsonSerializerOptions Indented = WireJson.Apply(new JsonSerializerOptions(SystemTextJsonMessageSerializer.Options), compact: false);

    /// <summary>The envelope's bytes for <paramref name="message"/> published on the virtual host at <paramref name="vhost"/>.</summary>
    public static byte[] Serialize(ChatMessageEvent message, Uri vhost, bool compact) => message switch
    {
        ChatMessageCreated m => Serialize(m, vhost, compact),
        ChatMessageStatusChanged m => Serialize(m, vhost, compact),
        ChatMessageReactionChanged m => Serialize(m, vhost, compact),
        ChatMessageUpdated m => Serialize(m, vhost, compact),
        _ => throw new ArgumentException($"Unknown event type {message.GetType().Name}.", nameof(message)),
    };

    private static byte[] Serialize<T>(T message, Uri vhost, bool compact)
        where T : ChatMessageEvent
    {
        var address = $"rabbitmq://{vhost.Host}{vhost.AbsolutePath.TrimEnd('/')}";
        var context = new MessageSendContext<T>(message)
        {
            MessageId = message.EventId,
            CorrelationId = message.EventId,
            ConversationId = NewId.NextGuid(),
            SourceAddress = new Uri($"{address}/{Environment.MachineName}_StreamerWorker_bus_{Guid.NewGuid():N}?temporary=true"),
            DestinationAddress = new Uri($"{address}/{EventTypes.ExchangeName(typeof(T))}"),
        };
        return new SystemTextJsonMessageBody<T>(context, compact ? Compact : Indented).GetBytes();
    }
}
