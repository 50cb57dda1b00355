namespace Streamer.Worker.Media;

/// <summary>
/// Where archived media lives, addressed by the SHA-256 of its content so equal files are stored once. The
/// file system implements it; an S3 compatible store (Minio, AWSSDK.S3) can implement the same contract and
/// be registered instead without touching the archiver.
/// </summary>
public interface IContentStore
{
    /// <summary>
    /// Stores <paramref name="content"/> (<paramref name="length"/> bytes whose SHA-256 is <paramref name="sha256"/>)
    /// unless it is stored already; returns its location as a URI. Must be idempotent: the archiver may call it
    /// again for the same content after a crash.
    /// </summary>
    Task<string> PutAsync(string sha256, Stream content, long length, string contentType, CancellationToken cancellationToken);
}
