using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The body of <c>POST /_sim/churn</c>.</summary>
public sealed class ChurnRequest
{
    /// <summary>How many outbound messages to create and keep changing.</summary>
    [JsonPropertyName("records")] public int Records { get; set; }

    /// <summary>How often each of them changes, e.g. "00:00:05": whole seconds, at least 2 s and MinChangeGap.</summary>
    [JsonPropertyName("every")] public TimeSpan Every { get; set; }

    /// <summary>How long the churn runs from the records' creation, e.g. "00:01:30".</summary>
    [JsonPropertyName("duration")] public TimeSpan Duration { get; set; }
}
