using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Streamer.Nxlink;

/// <summary>
/// Reads a page's <c>list</c> one record at a time: a record whose fields do not have the document's shape (an
/// object where text is expected, a list of the wrong depth) becomes an unreadable record at its place, rejected
/// with its raw JSON, instead of failing the whole page, which would hold its account on that window.
/// </summary>
public sealed class ChatRecordListConverter : JsonConverter<List<ChatRecord>>
{
    /// <inheritdoc />
    public override List<ChatRecord>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("list is not an array.");
        }

        var record = (JsonTypeInfo<ChatRecord>)options.GetTypeInfo(typeof(ChatRecord));
        var records = new List<ChatRecord>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            // The page is read from memory whole, so the element can be skipped from its start after a failure.
            var start = reader;
            try
            {
                // A null entry stays null: the client turns it into a record without an id.
                records.Add(JsonSerializer.Deserialize(ref reader, record)!);
            }
            catch (JsonException ex)
            {
                reader = start;
                reader.Skip();
                records.Add(new ChatRecord { Unreadable = $"a field of the record does not have the document's type ({UntrustedText.Clean(ex.Path, 80)}); it was not read" });
            }
        }

        return records;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, List<ChatRecord> value, JsonSerializerOptions options)
    {
        var record = (JsonTypeInfo<ChatRecord>)options.GetTypeInfo(typeof(ChatRecord));
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, record);
        }

        writer.WriteEndArray();
    }
}
