using Microsoft.Extensions.Options;
using Streamer.Worker.State;

namespace Streamer.Worker.Media;

/// <summary>
/// Content-addressed files under <c>MediaArchive:Path</c>: <c>ab/cd/abcd…</c> by SHA-256. A file is written
/// beside its final name and renamed into place, so a crash never leaves a partial file under a hash. Folders
/// and files it creates are owner-only (<see cref="OwnerOnlyFiles"/>): media is message content.
/// </summary>
public sealed class FileSystemContentStore(IOptions<MediaArchiveOptions> options) : IContentStore
{
    private readonly string root = System.IO.Path.GetFullPath(options.Value.Path);

    /// <inheritdoc />
    public async Task<string> PutAsync(string sha256, Stream content, long length, string contentType, CancellationToken cancellationToken)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Expected a lowercase hex SHA-256.", nameof(sha256));
        }

        var path = PathOf(sha256);
        if (!File.Exists(path))
        {
            OwnerOnlyFiles.CreateFolder(System.IO.Path.GetDirectoryName(path)!);
            var partial = $"{path}.{Guid.NewGuid():N}.partial";
            try
            {
                var create = OwnerOnlyFiles.Creating(new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.None,
                    BufferSize = 81_920,
                    Options = FileOptions.Asynchronous,
                });
                await using (var file = new FileStream(partial, create))
                {
                    await content.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                    await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                    file.Flush(flushToDisk: true);
                }

                // Another download of the same content may have won the race: both are identical.
                File.Move(partial, path, overwrite: true);
            }
            finally
            {
                File.Delete(partial);
            }
        }

        return new Uri(path).AbsoluteUri;
    }

    /// <summary>The file a SHA-256 is stored in.</summary>
    public string PathOf(string sha256) => System.IO.Path.Combine(root, sha256[..2], sha256[2..4], sha256);
}
