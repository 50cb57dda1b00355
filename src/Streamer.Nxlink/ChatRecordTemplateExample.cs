using System.Text.Json.Serialization;

namespace Streamer.Nxlink;

/// <summary>Parameter examples of a template component.</summary>
public sealed class ChatRecordTemplateExample
{
    /// <summary>Header media links; the document says a string, WhatsApp sends a list: both are read.</summary>
    [JsonPropertyName("header_handle")]
    [JsonConverter(typeof(FlexibleStringListConverter))]
    public List<string>? HeaderHandle { get; set; }

    /// <summary>Custom header media link.</summary>
    [JsonPropertyName("custom_header_handle_url")] public string? CustomHeaderHandleUrl { get; set; }

    /// <summary>Header text examples.</summary>
    [JsonPropertyName("header_text")]
    [JsonConverter(typeof(FlexibleStringListConverter))]
    public List<string>? HeaderText { get; set; }

    /// <summary>Body text examples.</summary>
    [JsonPropertyName("body_text")] public List<List<string>>? BodyText { get; set; }
}
