using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The body of <c>POST /_sim/filter</c>.</summary>
public sealed class FilterRequest
{
    /// <summary><c>CreatedAt</c> or <c>UpdatedAt</c> (any case): what start_time/end_time filter on from now on.</summary>
    [JsonPropertyName("filterOn")] public string? FilterOn { get; set; }
}
