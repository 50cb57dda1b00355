using System.Net;

namespace Streamer.Nxlink.Tests;

/// <summary>A body that never ends (an opening brace, then spaces), announcing <paramref name="announced"/> bytes or no length at all (chunked).</summary>
public sealed class EndlessContent(long? announced) : HttpContent
{
    private long written;

    /// <summary>Bytes handed to the reader so far.</summary>
    public long Written => Interlocked.Read(ref written);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        var chunk = new byte[8_192];
        Array.Fill(chunk, (byte)' ');
        chunk[0] = (byte)'{';
        while (true)
        {
            await stream.WriteAsync(chunk);
            Interlocked.Add(ref written, chunk.Length);
            chunk[0] = (byte)' ';
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = announced ?? 0;
        return announced is not null;
    }
}
