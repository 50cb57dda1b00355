using System.Globalization;
using System.Text;
using Streamer.Nxlink;

namespace Streamer.Simulator.Media;

/// <summary>Deterministic media bytes per record (seeded by its id) with a plausible size and file signature.</summary>
internal static class MediaContent
{
    /// <summary>The bytes a record's link serves: a template's header is the same file for all its messages.</summary>
    public static byte[] Of(long recordId, ChatRecord record) =>
        TemplateHeaderMedia.Of(record.Template) is var (_, mimeType, messageType) &&
        long.TryParse(record.Template!.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var templateId)
            ? Create(templateId, messageType, mimeType)
            : Create(recordId, record.MessageType, record.MimeType);

    public static byte[] Create(long recordId, string? messageType, string? mimeType)
    {
        var random = new Random(unchecked((int)(recordId ^ (recordId >>> 32))));
        var (min, max) = messageType switch
        {
            "image" => (30_000, 300_000),
            "audio" => (50_000, 500_000),
            "video" => (500_000, 3_000_000),
            "document" => (20_000, 800_000),
            _ => (10_000, 100_000),
        };
        var bytes = new byte[random.Next(min, max + 1)];
        random.NextBytes(bytes);
        Magic(mimeType).CopyTo(bytes, 0);
        return bytes;
    }

    // The first bytes of the real formats, so a sniffing client sees the type the record claims.
    private static byte[] Magic(string? mimeType) => mimeType switch
    {
        "image/jpeg" => [0xFF, 0xD8, 0xFF, 0xE0],
        "image/png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
        "image/webp" => Encoding.ASCII.GetBytes("RIFF\0\0\0\0WEBP"),
        "application/pdf" => Encoding.ASCII.GetBytes("%PDF-1.7\n"),
        "audio/ogg" => Encoding.ASCII.GetBytes("OggS"),
        "audio/mpeg" => Encoding.ASCII.GetBytes("ID3"),
        "audio/aac" => [0xFF, 0xF1, 0x50, 0x80],
        "text/plain" => Encoding.ASCII.GetBytes("Notes\n"),
        "video/mp4" => [0, 0, 0, 0x20, .. Encoding.ASCII.GetBytes("ftypisom")],
        "video/3gpp" => [0, 0, 0, 0x20, .. Encoding.ASCII.GetBytes("ftyp3gp4")],
        _ when mimeType?.StartsWith("application/vnd.openxmlformats", StringComparison.Ordinal) == true => [0x50, 0x4B, 0x03, 0x04],
        _ => [],
    };
}
