using System.Text.Json.Serialization;

namespace Streamer.Simulator.Control;

/// <summary>The answer of <c>GET|POST|DELETE /_sim/churn</c>: the current (or last) churn.</summary>
public sealed class ChurnStatus
{
    /// <summary>How many records the churn changes.</summary>
    [JsonPropertyName("records")] public int Records { get; set; }

    /// <summary>How often each record changes.</summary>
    [JsonPropertyName("every")] public TimeSpan Every { get; set; }

    /// <summary>How long the churn runs from the records' creation.</summary>
    [JsonPropertyName("duration")] public TimeSpan Duration { get; set; }

    /// <summary>Changes made so far, not counting the records' creation.</summary>
    [JsonPropertyName("changes")] public long Changes { get; set; }

    /// <summary>Whether the churn is still going.</summary>
    [JsonPropertyName("running")] public bool Running { get; set; }

    /// <summary>The records in creation order; the k-th first changes <c>every * (1 + k / records)</c> after its creation.</summary>
    [JsonPropertyName("recordIds")] public List<string> RecordIds { get; set; } = [];
}
