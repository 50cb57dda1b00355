using System.Text.Json.Serialization;

namespace Streamer.Nxlink;

/// <summary>Source-generated JSON metadata for the API's model: tolerant readers, nulls left out when writing.</summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(FlexibleStringConverter), typeof(FlexibleIntConverter)])]
[JsonSerializable(typeof(ChatRecordsResponse))]
[JsonSerializable(typeof(ChatRecord))]
[JsonSerializable(typeof(List<ChatRecord>))]
public sealed partial class NxlinkJsonContext : JsonSerializerContext;
