using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The answer of <c>GET /_sim/stats</c>.</summary>
public sealed class SimStats
{
    /// <summary>Records in the store.</summary>
    [JsonPropertyName("records")] public long Records { get; set; }

    /// <summary>Changes in the ground truth.</summary>
    [JsonPropertyName("changes")] public long Changes { get; set; }

    /// <summary>Requests to the chat records endpoint.</summary>
    [JsonPropertyName("requests")] public long Requests { get; set; }

    /// <summary>Requests a fault was injected into.</summary>
    [JsonPropertyName("faultsInjected")] public long FaultsInjected { get; set; }

    /// <summary>Records changed on page 1 of a query while a later page of it was served (pageOneChangeRate).</summary>
    [JsonPropertyName("pageOneChanges")] public long PageOneChanges { get; set; }

    /// <summary>Whether live traffic is being generated.</summary>
    [JsonPropertyName("generating")] public bool Generating { get; set; }

    /// <summary>Requests to <c>/_sim/target/...</c>, where hostile media links point: a client that refuses them leaves it at 0.</summary>
    [JsonPropertyName("targetHits")] public long TargetHits { get; set; }

    /// <summary><c>CreatedAt</c> or <c>UpdatedAt</c>: what start_time/end_time filter on now (see <c>/_sim/filter</c>).</summary>
    [JsonPropertyName("filterOn")] public string FilterOn { get; set; } = "";
}
