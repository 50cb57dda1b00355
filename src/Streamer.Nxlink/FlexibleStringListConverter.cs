using System.Text.Json;
using System.Text.Json.Serialization;

namespace Streamer.Nxlink;

/// <summary>Reads a list of strings from an array or from a single string (the document and the wild disagree).</summary>
public sealed class FlexibleStringListConverter : JsonConverter<List<string>>
{
    private static readonly FlexibleStringConverter Item = new();

    /// <inheritdoc />
    public override List<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartArray:
                var list = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (Item.Read(ref reader, typeof(string), options) is { } value)
                    {
                        list.Add(value);
                    }
                }

                return list;
            default:
                return Item.Read(ref reader, typeof(string), options) is { } single ? [single] : null;
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, List<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
