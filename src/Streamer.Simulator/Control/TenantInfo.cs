using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>One tenant of <c>GET /_sim/tenants</c>: what a client's account for it needs.</summary>
public sealed class TenantInfo
{
    /// <summary>The tenant's index: the <c>tenant</c> parameter of the control endpoints.</summary>
    [JsonPropertyName("index")] public int Index { get; set; }

    /// <summary><c>tenant-{index}</c>, a name for the client's account.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = "";

    [JsonPropertyName("tenantId")] public string TenantId { get; set; } = "";

    [JsonPropertyName("appKey")] public string AppKey { get; set; } = "";

    [JsonPropertyName("accessKey")] public string AccessKey { get; set; } = "";

    /// <summary>The secret (a test server on loopback: it hands its credentials out).</summary>
    [JsonPropertyName("accessSecret")] public string AccessSecret { get; set; } = "";
}
