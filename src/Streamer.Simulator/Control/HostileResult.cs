using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>What <c>POST /_sim/hostile</c> added.</summary>
public sealed class HostileResult
{
    /// <summary>The case the records are of.</summary>
    [JsonPropertyName("case")] public string Case { get; set; } = "";

    /// <summary>Markers (in each record's content) of the records no client can read; the ground truth has them as rejected.</summary>
    [JsonPropertyName("rejected")] public List<string> Rejected { get; set; } = [];

    /// <summary>Ids of every valid record added (each has its created change in the ground truth).</summary>
    [JsonPropertyName("ids")] public List<string> Ids { get; set; } = [];

    /// <summary>Ids of the valid records with an absurd created_at (1970, 2099).</summary>
    [JsonPropertyName("absurd")] public List<string> Absurd { get; set; } = [];

    /// <summary>Ids of the valid records whose content is sized to make a page too large.</summary>
    [JsonPropertyName("oversize")] public List<string> Oversize { get; set; } = [];

    /// <summary>Ids of the valid records with a hostile media link.</summary>
    [JsonPropertyName("media")] public List<string> Media { get; set; } = [];
}
