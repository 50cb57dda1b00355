using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The answer of <c>POST /_sim/backlog</c>.</summary>
public sealed class BacklogResult
{
    /// <summary>Changes generated.</summary>
    [JsonPropertyName("generated")] public long Generated { get; set; }

    /// <summary>The seq of the newest change after generating.</summary>
    [JsonPropertyName("lastSeq")] public long LastSeq { get; set; }
}
