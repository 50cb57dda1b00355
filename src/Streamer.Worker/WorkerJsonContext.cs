using System.Text.Json.Serialization;
using Streamer.Nxlink;

namespace Streamer.Worker;

/// <summary>Source-generated JSON for what the worker serializes itself (template hashing and field values, cursor tiers).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatRecordTemplate))]
[JsonSerializable(typeof(Dictionary<string, DateTimeOffset>))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
