using System.Text.Json.Serialization;

namespace Streamer.Nxlink;

/// <summary>A template component.</summary>
public sealed class ChatRecordTemplateComponent
{
    /// <summary>HEADER, BODY, FOOTER, BUTTONS.</summary>
    [JsonPropertyName("type")] public string? Type { get; set; }

    /// <summary>HEADER format: TEXT, DOCUMENT, IMAGE, VIDEO.</summary>
    [JsonPropertyName("format")] public string? Format { get; set; }

    /// <summary>Text of HEADER, BODY or FOOTER.</summary>
    [JsonPropertyName("text")] public string? Text { get; set; }

    /// <summary>Parameter examples.</summary>
    [JsonPropertyName("example")] public ChatRecordTemplateExample? Example { get; set; }

    /// <summary>Buttons of a BUTTONS component.</summary>
    [JsonPropertyName("buttons")] public List<ChatRecordTemplateButton>? Buttons { get; set; }
}
