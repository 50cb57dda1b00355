using System.Net;
using System.Net.Http.Headers;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

/// <summary>Bodies that start as their type's files do, responses serving them, and a job to download them.</summary>
public static class MediaBodies
{
    public static byte[] Jpeg(params byte[] rest) => [0xFF, 0xD8, 0xFF, .. rest];

    public static byte[] Png(int length)
    {
        var bytes = new byte[length];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        return bytes;
    }

    public static HttpResponseMessage Ok(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    public static HttpResponseMessage Redirect(string location) =>
        new(HttpStatusCode.Found) { Headers = { Location = new Uri(location, UriKind.RelativeOrAbsolute) } };

    public static MediaJob Job(string link = "https://media.example.com/r1/photo.jpg?Expires=1&sig=secret", string? mimeType = "image/jpeg") =>
        new() { Account = "a", TenantId = "1", RecordId = "r1", MessageId = "wamid.1", ConversationId = "c1", FileName = "photo.jpg", MimeType = mimeType, Link = link, LinkExpiresAt = null };
}
