namespace Streamer.Worker.Media;

/// <summary>A downloaded file in the incoming folder, hashed; disposing deletes it.</summary>
public sealed class DownloadedMedia(string path, string sha256, long size, string contentType) : IDisposable
{
    /// <summary>The temporary file.</summary>
    public string Path { get; } = path;

    /// <summary>SHA-256 of the content, lowercase hex.</summary>
    public string Sha256 { get; } = sha256;

    /// <summary>Size in bytes.</summary>
    public long Size { get; } = size;

    /// <summary>The served content type, without parameters.</summary>
    public string ContentType { get; } = contentType;

    /// <summary>Opens the content for reading.</summary>
    public Stream Open() => new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, useAsync: true);

    /// <inheritdoc />
    public void Dispose() => File.Delete(Path);
}
