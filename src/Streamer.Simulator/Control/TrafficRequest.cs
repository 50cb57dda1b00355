using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The body of <c>POST /_sim/traffic</c>.</summary>
public sealed class TrafficRequest
{
    /// <summary>How many changes to generate (0 = until stopped).</summary>
    [JsonPropertyName("changes")] public long Changes { get; set; }

    /// <summary>Changes per second; the configured LiveRate when absent.</summary>
    [JsonPropertyName("rate")] public double? Rate { get; set; }
}
