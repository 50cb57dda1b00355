using System.Text.Json.Serialization;

namespace Streamer.Nxlink;

/// <summary>Template quality.</summary>
public sealed class ChatRecordQualityScore
{
    /// <summary>GREEN, YELLOW, RED or UNKNOWN.</summary>
    [JsonPropertyName("score")] public string? Score { get; set; }
}
