using System.Text.Json.Serialization;

namespace Streamer.Nxlink;

/// <summary>A template button.</summary>
public sealed class ChatRecordTemplateButton
{
    /// <summary>QUICK_REPLY, URL, PHONE_NUMBER, COPY_CODE, FLOW.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }

    /// <summary>Button text.</summary>
    [JsonPropertyName("text")] public string? Text { get; set; }

    /// <summary>URL of a URL button.</summary>
    [JsonPropertyName("url")] public string? Url { get; set; }

    /// <summary>Phone number of a PHONE_NUMBER button.</summary>
    [JsonPropertyName("phone_number")] public string? PhoneNumber { get; set; }

    /// <summary>Example values.</summary>
    [JsonPropertyName("example")]
    [JsonConverter(typeof(FlexibleStringListConverter))]
    public List<string>? Example { get; set; }

    /// <summary>Flow id.</summary>
    [JsonPropertyName("flow_id")] public string? FlowId { get; set; }

    /// <summary>navigate or data_exchange.</summary>
    [JsonPropertyName("flow_action")] public string? FlowAction { get; set; }

    /// <summary>First screen of a navigate flow.</summary>
    [JsonPropertyName("navigate_screen")] public string? NavigateScreen { get; set; }
}
