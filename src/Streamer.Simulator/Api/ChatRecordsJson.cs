using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Streamer.Nxlink;

namespace Streamer.Simulator.Api;

/// <summary>
/// Writes the endpoint's envelope by hand so that <c>"message": null</c> appears as in the document's examples,
/// while records go through NxlinkJsonContext (nulls left out, as in the examples).
/// </summary>
internal static class ChatRecordsJson
{
    // A seeded record writes about 1,700 bytes: sized for that, a full page fills its buffer without growing it
    // (each growth copies the page so far, about 7% of the simulator's CPU while it serves a drain).
    private const int BytesPerRecord = 2048;

    // Raw UTF-8 for CJK and RTL text like the real API; System.Text.Json still escapes non-BMP emoji.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Page(string traceId, int total, int pageNumber, int pageSize, List<ChatRecord> items) =>
        Write(traceId, NxlinkResultCodes.Success, message: null, total, pageNumber, pageSize, items);

    public static byte[] Error(string traceId, ApiError error) =>
        Write(traceId, error.Code, error.Message, total: 0, pageNumber: null, pageSize: null, items: null);

    private static byte[] Write(string traceId, int code, string? message, int total, int? pageNumber, int? pageSize, List<ChatRecord>? items)
    {
        var buffer = new ArrayBufferWriter<byte>(items is null ? 256 : 1024 + (items.Count * BytesPerRecord));
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("code", code);
            writer.WriteString("message", message);
            writer.WriteString("traceId", traceId);
            writer.WriteNumber("total", total);
            WriteNumberOrNull(writer, "page_number", pageNumber);
            WriteNumberOrNull(writer, "page_size", pageSize);
            writer.WritePropertyName("list");
            if (items is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    JsonSerializer.Serialize(writer, item, NxlinkJsonContext.Default.ChatRecord);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
