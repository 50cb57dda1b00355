using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>Body of <c>POST /_sim/clock</c>.</summary>
public sealed class ClockRequest
{
    /// <summary>How far the simulator's clock runs ahead of its time source ("01:00:00"); zero puts it back.</summary>
    [JsonPropertyName("offset")] public TimeSpan Offset { get; set; }
}
