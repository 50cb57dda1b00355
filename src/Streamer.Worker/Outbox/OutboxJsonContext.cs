using System.Text.Json.Serialization;
using Streamer.Contracts;

namespace Streamer.Worker.Outbox;

/// <summary>Source-generated JSON of the events the outbox holds (nulls kept out to save space).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatMessageCreated))]
[JsonSerializable(typeof(ChatMessageStatusChanged))]
[JsonSerializable(typeof(ChatMessageReactionChanged))]
[JsonSerializable(typeof(ChatMessageUpdated))]
[JsonSerializable(typeof(ChatRecordRejected))]
internal sealed partial class OutboxJsonContext : JsonSerializerContext;
