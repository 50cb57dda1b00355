using System.Collections.Concurrent;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

/// <summary>Keeps stored content in memory, failing the first <see cref="Failures"/> puts.</summary>
public sealed class InMemoryContentStore : IContentStore
{
    private int failures;

    public ConcurrentDictionary<string, byte[]> Stored { get; } = new(StringComparer.Ordinal);

    /// <summary>What a failing put throws: an I/O error that is not a full disk unless set.</summary>
    public Func<Exception> Failure { get; set; } = () => new IOException("The device is not ready.");

    /// <summary>Puts still to fail.</summary>
    public int Failures
    {
        get => Volatile.Read(ref failures);
        set => Volatile.Write(ref failures, value);
    }

    public async Task<string> PutAsync(string sha256, Stream content, long length, string contentType, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref failures) >= 0)
        {
            throw Failure();
        }

        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken);
        Stored[sha256] = copy.ToArray();
        return $"mem://{sha256}";
    }
}
