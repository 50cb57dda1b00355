using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The body of <c>POST /_sim/backlog</c>.</summary>
public sealed class BacklogRequest
{
    /// <summary>How many changes to generate.</summary>
    [JsonPropertyName("changes")] public int Changes { get; set; }

    /// <summary>The past span (ending now) the changes are spread over, e.g. "01:00:00"; BacklogSpan when absent.</summary>
    [JsonPropertyName("span")] public TimeSpan? Span { get; set; }
}
