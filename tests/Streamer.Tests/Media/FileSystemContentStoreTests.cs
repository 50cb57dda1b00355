using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

public sealed class FileSystemContentStoreTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"streamer-store-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Put_SameContentTwice_StoredOnceUnderItsHash()
    {
        var store = new FileSystemContentStore(Options.Create(new MediaArchiveOptions { Path = root }));
        var bytes = RandomNumberGenerator.GetBytes(10_000);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var first = await store.PutAsync(sha, new MemoryStream(bytes), bytes.Length, "image/png", CancellationToken.None);
        var second = await store.PutAsync(sha, new MemoryStream(bytes), bytes.Length, "image/png", CancellationToken.None);

        Assert.Equal(first, second);
        var path = new Uri(first).LocalPath;
        Assert.Equal(store.PathOf(sha), path);
        Assert.EndsWith(Path.Combine(sha[..2], sha[2..4], sha), path, StringComparison.Ordinal);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(path));
        Assert.Single(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    public async Task Put_NotALowercaseSha256_Refused(string sha)
    {
        var store = new FileSystemContentStore(Options.Create(new MediaArchiveOptions { Path = root }));

        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(sha, new MemoryStream([1]), 1, "image/png", CancellationToken.None));
    }

    [Theory]
    [InlineData("image/jpeg", true)]
    [InlineData("IMAGE/PNG", true)]
    [InlineData("application/pdf", true)]
    [InlineData("text/plain", true)]
    [InlineData("audio/amr", true)]
    [InlineData("application/vnd.openxmlformats-officedocument.presentationml.presentation", true)]
    [InlineData("text/html", false)]
    [InlineData("imagex/png", false)]
    [InlineData("image/svg+xml", false)]
    [InlineData("image/gif", false)]
    [InlineData("application/zip", false)]
    [InlineData("application/x-msdownload", false)]
    [InlineData("application/octet-stream", false)]
    public void Allows_DefaultList_WhatsAppMediaTypesOnly(string contentType, bool allowed) =>
        Assert.Equal(allowed, new MediaArchiveOptions().Allows(contentType));
}
