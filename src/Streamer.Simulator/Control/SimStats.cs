using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The answer of <c>GET /_sim/stats</c>.</summary>
public sealed class SimStats
{
    /// <summary>Records of the tenant (of all tenants with <c>?tenant=all</c>).</summary>
    [JsonPropertyName("records")] public long Records { get; set; }

    /// <summary>Changes in the tenant's ground truth (of all tenants with <c>?tenant=all</c>).</summary>
    [JsonPropertyName("changes")] public long Changes { get; set; }

    /// <summary>Requests to the chat records endpoint, of every tenant and none (refused ones too).</summary>
    [JsonPropertyName("requests")] public long Requests { get; set; }

    /// <summary>Requests a fault was injected into.</summary>
    [JsonPropertyName("faultsInjected")] public long FaultsInjected { get; set; }

    /// <summary>Records changed on page 1 of a query while a later page of it was served (pageOneChangeRate).</summary>
    [JsonPropertyName("pageOneChanges")] public long PageOneChanges { get; set; }

    /// <summary>Whether live traffic is being generated for the tenant (its own, or the traffic of all tenants).</summary>
    [JsonPropertyName("generating")] public bool Generating { get; set; }

    /// <summary>Requests to <c>/_sim/target/...</c>, where hostile media links point: a client that refuses them leaves it at 0.</summary>
    [JsonPropertyName("targetHits")] public long TargetHits { get; set; }

    /// <summary>
    /// <c>CreatedAt</c> or <c>UpdatedAt</c>: what start_time/end_time filter on now (see <c>/_sim/filter</c>); with
    /// <c>?tenant=all</c>, <c>Mixed</c> when the tenants differ.
    /// </summary>
    [JsonPropertyName("filterOn")] public string FilterOn { get; set; } = "";

    /// <summary>How many tenants the simulator carries.</summary>
    [JsonPropertyName("tenants")] public int Tenants { get; set; }

    /// <summary>How many of them have been made (by a change, or a control call that writes).</summary>
    [JsonPropertyName("tenantsActive")] public int TenantsActive { get; set; }

    /// <summary>Chat records requests authenticated as this tenant (as any tenant with <c>?tenant=all</c>).</summary>
    [JsonPropertyName("tenantRequests")] public long TenantRequests { get; set; }
}
