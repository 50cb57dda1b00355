using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The answer of <c>GET /_sim/tenants</c>.</summary>
public sealed class TenantList
{
    /// <summary>How many tenants the simulator carries (Simulator:Tenants).</summary>
    [JsonPropertyName("count")] public int Count { get; set; }

    /// <summary>The IANA zone of every tenant's timestamps.</summary>
    [JsonPropertyName("timeZone")] public string TimeZone { get; set; } = "";

    /// <summary>The tenants asked for (all of them by default), in index order.</summary>
    [JsonPropertyName("tenants")] public List<TenantInfo> Tenants { get; set; } = [];
}
