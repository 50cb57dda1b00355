using System.Text;
using System.Text.Json;

namespace Streamer.Nxlink;

/// <summary>
/// A page's JSON exactly as the deserializer read it (byte order mark already skipped), shared by its records. The
/// place of each record in <c>list</c> is found once, the first time a record's raw JSON is asked for: a page of
/// rejected records, met again on every re-scan, is not parsed again for each of them.
/// </summary>
internal sealed class PageBody(ReadOnlyMemory<byte> json)
{
    private readonly Lazy<Range[]?> places = new(() => Find(json.Span), LazyThreadSafetyMode.PublicationOnly);

    /// <summary>The JSON text of the <paramref name="index"/>th record of <c>list</c>, or null when the page cannot be read again.</summary>
    public string? Element(int index) =>
        places.Value is { } found && index < found.Length ? Encoding.UTF8.GetString(json.Span[found[index]]) : null;

    // As the deserializer does, the last "list" of the page's object is the one its records came from.
    private static Range[]? Find(ReadOnlySpan<byte> page)
    {
        try
        {
            var reader = new Utf8JsonReader(page);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            Range[]? found = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isList = reader.ValueTextEquals("list"u8);
                reader.Read();
                if (isList && reader.TokenType == JsonTokenType.StartArray)
                {
                    var list = new List<Range>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        var start = (int)reader.TokenStartIndex;
                        reader.Skip();
                        list.Add(new Range(start, (int)reader.BytesConsumed));
                    }

                    found = [.. list];
                }
                else
                {
                    reader.Skip();
                }
            }

            return found;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
