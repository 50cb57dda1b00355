using System.Text.Json;
using Streamer.Contracts;
using Streamer.Worker.Detection;
using Streamer.Worker.Telemetry;

namespace Streamer.Worker.Outbox;

/// <summary>
/// Turns events into outbox entries and back: the contract's type name and its JSON, with the trace context of the
/// current activity (the detection that produced the event), so that its publish joins that trace.
/// </summary>
public static class OutboxCodec
{
    /// <summary>An entry for a message event of <paramref name="account"/>, ordered by its record.</summary>
    public static OutboxEntry Encode(string account, ChatMessageEvent message) => message switch
    {
        ChatMessageCreated m => Entry(account, m.RecordId, m.EventId, m, JsonSerializer.SerializeToUtf8Bytes(m, OutboxJsonContext.Default.ChatMessageCreated)),
        ChatMessageStatusChanged m => Entry(account, m.RecordId, m.EventId, m, JsonSerializer.SerializeToUtf8Bytes(m, OutboxJsonContext.Default.ChatMessageStatusChanged)),
        ChatMessageReactionChanged m => Entry(account, m.RecordId, m.EventId, m, JsonSerializer.SerializeToUtf8Bytes(m, OutboxJsonContext.Default.ChatMessageReactionChanged)),
        ChatMessageUpdated m => Entry(account, m.RecordId, m.EventId, m, JsonSerializer.SerializeToUtf8Bytes(m, OutboxJsonContext.Default.ChatMessageUpdated)),
        _ => throw new ArgumentException($"Unknown event type {message.GetType().Name}.", nameof(message)),
    };

    /// <summary>
    /// An entry for a rejected record, ordered with that record's events. An id that cannot key anything (the
    /// reason for some rejections) orders with the other such records instead: the record has no events.
    /// </summary>
    public static OutboxEntry Encode(string account, ChatRecordRejected message) =>
        Entry(account, RecordIds.IsUsable(message.RecordId) ? message.RecordId : string.Empty, message.EventId, message, JsonSerializer.SerializeToUtf8Bytes(message, OutboxJsonContext.Default.ChatRecordRejected));

    /// <summary>The message an entry holds: the object when at hand, else decoded from its JSON.</summary>
    /// <exception cref="InvalidDataException">The type is unknown or the JSON does not read as it.</exception>
    public static object Decode(OutboxEntry entry)
    {
        if (entry.Message is { } message)
        {
            return message;
        }

        var body = entry.Body.AsSpan();
        object? decoded = entry.Type switch
        {
            nameof(ChatMessageCreated) => JsonSerializer.Deserialize(body, OutboxJsonContext.Default.ChatMessageCreated),
            nameof(ChatMessageStatusChanged) => JsonSerializer.Deserialize(body, OutboxJsonContext.Default.ChatMessageStatusChanged),
            nameof(ChatMessageReactionChanged) => JsonSerializer.Deserialize(body, OutboxJsonContext.Default.ChatMessageReactionChanged),
            nameof(ChatMessageUpdated) => JsonSerializer.Deserialize(body, OutboxJsonContext.Default.ChatMessageUpdated),
            nameof(ChatRecordRejected) => JsonSerializer.Deserialize(body, OutboxJsonContext.Default.ChatRecordRejected),
            _ => throw new InvalidDataException($"Outbox entry {entry.Seq} has the unknown type '{entry.Type}'."),
        };
        return decoded ?? throw new InvalidDataException($"Outbox entry {entry.Seq} holds no message.");
    }

    private static OutboxEntry Entry(string account, string recordId, Guid eventId, object message, byte[] body)
    {
        var (traceParent, traceState) = StreamerActivities.CurrentContext();
        return new(account, recordId, eventId, message.GetType().Name, body, message) { TraceParent = traceParent, TraceState = traceState };
    }
}
