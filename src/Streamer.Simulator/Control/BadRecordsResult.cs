using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>What <c>POST /_sim/bad-records</c> added.</summary>
public sealed class BadRecordsResult
{
    /// <summary>Markers (in each record's content) of the records no client can turn into events.</summary>
    [JsonPropertyName("rejected")] public List<string> Rejected { get; set; } = [];

    /// <summary>Ids of odd but valid records (unknown types, huge or exotic content, nulls).</summary>
    [JsonPropertyName("odd")] public List<string> Odd { get; set; } = [];
}
