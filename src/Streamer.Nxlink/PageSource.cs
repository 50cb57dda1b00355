using System.Text.Json;

namespace Streamer.Nxlink;

/// <summary>A record's place in the page body it was read from, kept so its raw JSON can be recovered.</summary>
internal sealed class PageSource(byte[] body, int index)
{
    /// <summary>The record's JSON text as sent.</summary>
    public string RecordJson()
    {
        using var document = JsonDocument.Parse(body);
        return document.RootElement.TryGetProperty("list", out var list) && list.ValueKind == JsonValueKind.Array && index < list.GetArrayLength()
            ? list[index].GetRawText()
            : string.Empty;
    }
}
