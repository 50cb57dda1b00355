using System.Text.Json;

namespace Streamer.Nxlink;

/// <summary>
/// A record's place in the page it was read from, kept so its raw JSON can be recovered: the page's JSON
/// exactly as the deserializer read it (byte order mark already skipped).
/// </summary>
internal sealed class PageSource(ReadOnlyMemory<byte> json, int index)
{
    /// <summary>The record's JSON text as sent, or null when the page cannot be read again.</summary>
    public string? RecordJson()
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("list", out var list) && list.ValueKind == JsonValueKind.Array && index < list.GetArrayLength()
                ? list[index].GetRawText()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
