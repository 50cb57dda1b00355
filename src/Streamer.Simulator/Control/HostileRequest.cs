using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>Body of <c>POST /_sim/hostile</c>.</summary>
public sealed class HostileRequest
{
    /// <summary>One of <see cref="HostileCases"/>.</summary>
    [JsonPropertyName("case")] public string Case { get; set; } = "";

    /// <summary>How many records of the case to add now.</summary>
    [JsonPropertyName("count")] public int Count { get; set; } = 1;

    /// <summary>oversizeRecord only: the content's size in bytes (ASCII text); 20 MiB when absent.</summary>
    [JsonPropertyName("bytes")] public int? Bytes { get; set; }
}
