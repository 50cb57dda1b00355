using System.Globalization;
using System.Security.Cryptography;
using Streamer.Contracts;
using Streamer.Worker.State;

namespace Streamer.Worker.Media;

/// <summary>
/// Writes a response body to an owner-only file while hashing it, stopping at <c>MediaArchive:MaxBytes</c> and as
/// soon as its first bytes disagree with its declared type (<see cref="MediaSignatures"/>).
/// </summary>
internal static class MediaBodyWriter
{
    private const int BufferSize = 81_920;

    /// <summary>Saves <paramref name="body"/> to the new file <paramref name="path"/>; returns its SHA-256 (lowercase hex) and size.</summary>
    /// <exception cref="MediaRefusedException">The body is too large or not what <paramref name="contentType"/> says.</exception>
    public static async Task<(string Sha256, long Size)> SaveAsync(Stream body, string path, string contentType, long maxBytes, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var options = OwnerOnlyFiles.Creating(new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = BufferSize,
            Options = FileOptions.Asynchronous,
        });
        await using var file = new FileStream(path, options);
        var buffer = new byte[BufferSize];
        var head = new byte[MediaSignatures.HeadLength];
        var headLength = 0;
        var judged = false;
        long size = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            size += read;
            if (size > maxBytes)
            {
                throw TooLarge(size, maxBytes);
            }

            if (!judged)
            {
                var take = Math.Min(read, head.Length - headLength);
                buffer.AsSpan(0, take).CopyTo(head.AsSpan(headLength));
                headLength += take;
                judged = headLength == head.Length && Judge(contentType, head);
            }

            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        if (!judged)
        {
            Judge(contentType, head.AsSpan(0, headLength));
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
    }

    /// <summary>The refusal of a body of <paramref name="size"/> bytes or more.</summary>
    public static MediaRefusedException TooLarge(long size, long maxBytes) =>
        new(new MediaRefusal(MediaRefusal.SizeRule, MediaArchiveFailure.TooLarge, string.Create(CultureInfo.InvariantCulture, $"{size} bytes or more, over MediaArchive:MaxBytes {maxBytes}")));

    private static bool Judge(string contentType, ReadOnlySpan<byte> head) =>
        MediaSignatures.Check(contentType, head) is { } refusal ? throw new MediaRefusedException(refusal) : true;
}
