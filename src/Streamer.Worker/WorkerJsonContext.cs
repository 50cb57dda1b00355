using System.Text.Json.Serialization;
using Streamer.Nxlink;
using Streamer.Worker.Media;

namespace Streamer.Worker;

/// <summary>Source-generated JSON for what the worker serializes itself (template hashing and field values, cursor tiers, media jobs).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChatRecordTemplate))]
[JsonSerializable(typeof(Dictionary<string, DateTimeOffset>))]
[JsonSerializable(typeof(MediaJob))]
[JsonSerializable(typeof(MediaOutcome))]
internal sealed partial class WorkerJsonContext : JsonSerializerContext;
