using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The fault knobs of <c>/_sim/faults</c>; a POST changes only the ones it sets.</summary>
public sealed class FaultSettings
{
    /// <summary>Share of requests failed (half HTTP 500, half code -1), 0..1.</summary>
    [JsonPropertyName("errorRate")] public double? ErrorRate { get; set; }

    /// <summary>Share of requests answered with truncated JSON, 0..1.</summary>
    [JsonPropertyName("malformedRate")] public double? MalformedRate { get; set; }

    /// <summary>Upper bound of the uniform added latency, in milliseconds.</summary>
    [JsonPropertyName("latencyMaxMs")] public double? LatencyMaxMs { get; set; }

    /// <summary>Share of requests that hang, 0..1.</summary>
    [JsonPropertyName("timeoutRate")] public double? TimeoutRate { get; set; }

    /// <summary>How long a hanging request hangs, in milliseconds.</summary>
    [JsonPropertyName("timeoutMs")] public double? TimeoutMs { get; set; }

    /// <summary>Share of media downloads answered with HTTP 503, 0..1.</summary>
    [JsonPropertyName("mediaErrorRate")] public double? MediaErrorRate { get; set; }

    /// <summary>Latency added to every media download, in milliseconds.</summary>
    [JsonPropertyName("mediaLatencyMs")] public double? MediaLatencyMs { get; set; }

    /// <summary>Share of page 2+ requests before which a record on page 1 of the same query changes, 0..1.</summary>
    [JsonPropertyName("pageOneChangeRate")] public double? PageOneChangeRate { get; set; }

    /// <summary>The <c>total</c> every page states: <see cref="LyingTotals"/> (huge, negative or none = the true count).</summary>
    [JsonPropertyName("lyingTotal")] public string? LyingTotal { get; set; }

    /// <summary>Whether every chat records response body starts with a UTF-8 byte order mark (EF BB BF).</summary>
    [JsonPropertyName("bom")] public bool? Bom { get; set; }
}
