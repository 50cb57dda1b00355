using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The body of <c>POST /_sim/traffic</c>.</summary>
public sealed class TrafficRequest
{
    /// <summary>How many changes to generate (0 = until stopped).</summary>
    [JsonPropertyName("changes")] public long Changes { get; set; }

    /// <summary>Changes per second; the configured LiveRate when absent. Not with <c>?tenant=all</c>.</summary>
    [JsonPropertyName("rate")] public double? Rate { get; set; }

    /// <summary>
    /// <c>?tenant=all</c> only: changes per tenant per minute; TenantLiveRatePerMinute when absent (1 when that is 0).
    /// <see cref="Changes"/> then counts the changes of all tenants together.
    /// </summary>
    [JsonPropertyName("ratePerTenantPerMinute")] public double? RatePerTenantPerMinute { get; set; }
}
