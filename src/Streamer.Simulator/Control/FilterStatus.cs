using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The answer of <c>GET|POST /_sim/filter</c>.</summary>
public sealed class FilterStatus
{
    /// <summary><c>CreatedAt</c> or <c>UpdatedAt</c>: what start_time/end_time filter on and order_by sorts by now.</summary>
    [JsonPropertyName("filterOn")] public string FilterOn { get; set; } = "";

    /// <summary>How many times it has switched since start-up.</summary>
    [JsonPropertyName("switches")] public int Switches { get; set; }

    /// <summary>When it last switched (the simulator's clock, with the zone's offset), or null.</summary>
    [JsonPropertyName("switchedAt")] public DateTimeOffset? SwitchedAt { get; set; }
}
