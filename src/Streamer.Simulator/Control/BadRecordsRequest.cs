using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>Body of <c>POST /_sim/bad-records</c>.</summary>
public sealed class BadRecordsRequest
{
    /// <summary>How many bad or odd records to add now.</summary>
    [JsonPropertyName("count")] public int Count { get; set; }
}
