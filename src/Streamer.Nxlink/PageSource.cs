namespace Streamer.Nxlink;

/// <summary>A record's place in the page it was read from, kept so its raw JSON can be recovered.</summary>
internal sealed class PageSource(PageBody page, int index)
{
    /// <summary>The record's JSON text as sent, or null when the page cannot be read again.</summary>
    public string? RecordJson() => page.Element(index);
}
