using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The answer of <c>GET|POST /_sim/clock</c>.</summary>
public sealed class ClockStatus
{
    /// <summary>How far the simulator's clock runs ahead of its time source.</summary>
    [JsonPropertyName("offset")] public TimeSpan Offset { get; set; }

    /// <summary>The simulator's time now, with the API zone's offset.</summary>
    [JsonPropertyName("now")] public DateTimeOffset Now { get; set; }
}
