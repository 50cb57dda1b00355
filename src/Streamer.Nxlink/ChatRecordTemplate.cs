using System.Text.Json.Serialization;

namespace Streamer.Nxlink;

/// <summary>Template information of a template message.</summary>
public sealed class ChatRecordTemplate
{
    /// <summary>Template ID.</summary>
    [JsonPropertyName("id")] public string? Id { get; set; }

    /// <summary>Template name.</summary>
    [JsonPropertyName("name")] public string? Name { get; set; }

    /// <summary>Template language.</summary>
    [JsonPropertyName("language")] public string? Language { get; set; }

    /// <summary>Category (MARKETING, UTILITY…).</summary>
    [JsonPropertyName("category")] public string? Category { get; set; }

    /// <summary>Approval status.</summary>
    [JsonPropertyName("status")] public string? Status { get; set; }

    /// <summary>Rejection reason.</summary>
    [JsonPropertyName("rejected_reason")] public string? RejectedReason { get; set; }

    /// <summary>Quality score object.</summary>
    [JsonPropertyName("quality_score")] public ChatRecordQualityScore? QualityScore { get; set; }

    /// <summary>Components.</summary>
    [JsonPropertyName("components")] public List<ChatRecordTemplateComponent>? Components { get; set; }

    /// <summary>POSITIONAL or NAMED.</summary>
    [JsonPropertyName("parameter_format")] public string? ParameterFormat { get; set; }
}
