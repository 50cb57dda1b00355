using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Streamer.Contracts;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

public sealed class MediaDownloaderTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private readonly string root = Path.Combine(Path.GetTempPath(), $"streamer-media-test-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider time = new(Now);
    private readonly MetricsRecorder metrics = new();

    public void Dispose()
    {
        metrics.Dispose();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Download_Success_HashesAndKeepsTheBytes()
    {
        byte[] bytes = [0xFF, 0xD8, 0xFF, .. RandomNumberGenerator.GetBytes(300_000)];
        var (downloader, _) = Create(() => Ok(bytes, "image/jpeg"));

        using var media = await downloader.DownloadAsync(Job(), CancellationToken.None);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), media.Sha256);
        Assert.Equal(bytes.Length, media.Size);
        Assert.Equal("image/jpeg", media.ContentType);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(media.Path));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, MediaArchiveFailure.NotFound)]
    [InlineData(HttpStatusCode.Gone, MediaArchiveFailure.NotFound)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, MediaArchiveFailure.TooLarge)]
    [InlineData(HttpStatusCode.BadRequest, MediaArchiveFailure.Denied)]
    public async Task Download_PermanentStatus_FailsAtOnceWithItsReason(HttpStatusCode status, MediaArchiveFailure reason)
    {
        var (downloader, handler) = Create(() => new HttpResponseMessage(status));

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => downloader.DownloadAsync(Job(), CancellationToken.None));

        Assert.Equal(reason, error.Failure);
        Assert.Equal(1, handler.Requests);
    }

    [Fact]
    public async Task Download_ForbiddenAfterExpiry_IsLinkExpired()
    {
        var (downloader, _) = Create(() => new HttpResponseMessage(HttpStatusCode.Forbidden));

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => downloader.DownloadAsync(Job(expires: Now.AddSeconds(-1)), CancellationToken.None));

        Assert.Equal(MediaArchiveFailure.LinkExpired, error.Failure);
    }

    [Fact]
    public async Task Download_ForbiddenLongBeforeExpiry_IsDenied()
    {
        var (downloader, _) = Create(() => new HttpResponseMessage(HttpStatusCode.Forbidden));

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => downloader.DownloadAsync(Job(expires: Now.AddMinutes(30)), CancellationToken.None));

        Assert.Equal(MediaArchiveFailure.Denied, error.Failure);
    }

    [Fact]
    public async Task Download_ServerErrorThenSuccess_RetriedWithinTheAttempt()
    {
        var bytes = "OggS"u8.ToArray();
        var (downloader, handler) = Create(() => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable), () => Ok(bytes, "audio/ogg"));

        // Polly's back-off waits on the fake clock: move it along until the download completes.
        var download = downloader.DownloadAsync(Job(), CancellationToken.None);
        while (!download.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        using var media = await download;
        Assert.Equal(bytes.Length, media.Size);
        Assert.Equal(2, handler.Requests);
    }

    [Fact]
    public async Task Download_ServerErrorsOnly_TransientAfterQuickRetries()
    {
        var (downloader, handler) = Create(() => new HttpResponseMessage(HttpStatusCode.InternalServerError));

        var download = downloader.DownloadAsync(Job(), CancellationToken.None);
        while (!download.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(10);
        }

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => download);
        Assert.False(error.IsPermanent);
        Assert.Equal(3, handler.Requests);
        Assert.DoesNotContain("sig=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_DeclaredLengthOverLimit_TooLargeWithoutReading()
    {
        var (downloader, _) = Create(() => Ok(new byte[2_001], "image/png"), maxBytes: 2_000);

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => downloader.DownloadAsync(Job(), CancellationToken.None));

        Assert.Equal(MediaArchiveFailure.TooLarge, error.Failure);
    }

    [Fact]
    public async Task Download_UndeclaredLengthOverLimit_TooLargeAndNoFileLeft()
    {
        var (downloader, _) = Create(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new UnsizedContent(Png(5_000), "image/png") }, maxBytes: 2_000);

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => downloader.DownloadAsync(Job(), CancellationToken.None));

        Assert.Equal(MediaArchiveFailure.TooLarge, error.Failure);
        Assert.Empty(Directory.EnumerateFiles(downloader.IncomingFolder));
    }

    [Fact]
    public async Task Download_ContentTypeNotAllowed_Fails()
    {
        var (downloader, _) = Create(() => Ok("<html>login</html>"u8.ToArray(), "text/html"));

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => downloader.DownloadAsync(Job(), CancellationToken.None));

        Assert.Equal(MediaArchiveFailure.ContentTypeNotAllowed, error.Failure);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://files.example.com/a.jpg")]
    public async Task Download_LinkNotHttp_Denied(string link)
    {
        var (downloader, handler) = Create(() => Ok([1], "image/jpeg"));

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => downloader.DownloadAsync(Job() with { Link = link }, CancellationToken.None));

        Assert.Equal(MediaArchiveFailure.Denied, error.Failure);
        Assert.Equal(0, handler.Requests);
    }

    private static HttpResponseMessage Ok(byte[] bytes, string contentType) => MediaBodies.Ok(bytes, contentType);

    private static byte[] Png(int length) => MediaBodies.Png(length);

    private static MediaJob Job(DateTimeOffset? expires = null) => MediaBodies.Job() with { LinkExpiresAt = expires };

    private (MediaDownloader Downloader, StubHandler Handler) Create(Func<HttpResponseMessage> first, Func<HttpResponseMessage>? then = null, long maxBytes = MediaArchiveOptions.DefaultMaxBytes)
    {
        var handler = then is null ? new StubHandler(first) : new StubHandler(first, then);
        var options = Options.Create(new MediaArchiveOptions { Path = root, MaxBytes = maxBytes, QuickRetries = 2 });
        return (new MediaDownloader(new HttpClient(handler), options, time, metrics.Metrics, new RecordingLogger<MediaDownloader>()), handler);
    }
}
