using System.Net;

namespace Streamer.Tests.Media;

/// <summary>A body sent without Content-Length, as chunked transfers are.</summary>
public sealed class UnsizedContent(byte[] bytes, string contentType) : HttpContent
{
    private readonly string type = contentType;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override Task<Stream> CreateContentReadStreamAsync()
    {
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(type);
        return Task.FromResult<Stream>(new MemoryStream(bytes));
    }
}
