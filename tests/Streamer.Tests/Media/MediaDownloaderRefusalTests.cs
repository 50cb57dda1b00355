using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Streamer.Contracts;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

/// <summary>Links and bodies the downloader refuses, each counted by its rule and logged by host only.</summary>
public sealed class MediaDownloaderRefusalTests : IDisposable
{
    private const int RefusedEvent = 110;

    private readonly string root = Path.Combine(Path.GetTempPath(), $"streamer-refusal-test-{Guid.NewGuid():N}");
    private readonly MetricsRecorder metrics = new();
    private readonly RecordingLogger<MediaDownloader> log = new();

    public void Dispose()
    {
        metrics.Dispose();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/iam?sig=secret", MediaRefusal.AddressRule, "169.254.169.254")]
    [InlineData("https://[fd00:ec2::254]/latest?sig=secret", MediaRefusal.AddressRule, "fd00:ec2::254")]
    [InlineData("http://media.example.com/a.jpg?sig=secret", MediaRefusal.SchemeRule, "media.example.com")]
    [InlineData("file:///etc/passwd", MediaRefusal.SchemeRule, "")]
    public async Task Download_ForbiddenLink_DeniedWithoutARequestAndCounted(string link, string rule, string host)
    {
        var handler = new StubHandler(() => MediaBodies.Ok(MediaBodies.Jpeg(1), "image/jpeg"));

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => Downloader(handler).DownloadAsync(MediaBodies.Job(link), CancellationToken.None));

        Assert.Equal(MediaArchiveFailure.Denied, error.Failure);
        Assert.Equal(0, handler.Requests);
        Assert.Equal(1, metrics.Sum("streamer.media.refused", "rule", rule));
        Assert.Equal([host], log.Values<string>(RefusedEvent, "Host"));
        Assert.DoesNotContain("sig=", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("meta-data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_HostOutsideAllowedHosts_DeniedWithoutARequest()
    {
        var handler = new StubHandler(() => MediaBodies.Ok(MediaBodies.Jpeg(1), "image/jpeg"));
        var downloader = Downloader(handler, o => o.AllowedHosts = ["*.whatsapp.net"]);

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => downloader.DownloadAsync(MediaBodies.Job(), CancellationToken.None));

        Assert.Equal(MediaArchiveFailure.Denied, error.Failure);
        Assert.Equal(0, handler.Requests);
        Assert.Equal(1, metrics.Sum("streamer.media.refused", "rule", MediaRefusal.HostRule));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("image/*")]
    [InlineData("image/svg+xml")]
    public async Task Download_Svg_RefusedEvenWhenConfigured(string? allowed)
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray();
        var downloader = Downloader(new StubHandler(() => MediaBodies.Ok(svg, "image/svg+xml")), o => o.AllowedContentTypes = allowed is null ? null : [allowed]);

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => downloader.DownloadAsync(MediaBodies.Job(mimeType: "image/svg+xml"), CancellationToken.None));

        Assert.Equal(MediaArchiveFailure.ContentTypeNotAllowed, error.Failure);
        Assert.Equal(1, metrics.Sum("streamer.media.refused", "rule", MediaRefusal.ContentTypeRule));
    }

    [Fact]
    public async Task Download_BodyNotOfItsDeclaredType_ContentTypeNotAllowedAndNoFileLeft()
    {
        byte[] program = [0x4D, 0x5A, 0x90, 0x00, .. new byte[200_000]];
        var downloader = Downloader(new StubHandler(() => MediaBodies.Ok(program, "image/jpeg")));

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => downloader.DownloadAsync(MediaBodies.Job(), CancellationToken.None));

        Assert.Equal(MediaArchiveFailure.ContentTypeNotAllowed, error.Failure);
        Assert.Contains("its first bytes do not match image/jpeg; it starts like a Windows program", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, metrics.Sum("streamer.media.refused", "rule", MediaRefusal.SignatureRule));
        Assert.Empty(Directory.EnumerateFiles(downloader.IncomingFolder));
    }

    [Theory]
    [InlineData("application/octet-stream")]
    [InlineData("binary/octet-stream")]
    [InlineData(null)]
    public async Task Download_ServedWithoutAKnownType_JudgedAsTheRecordsType(string? served)
    {
        var downloader = Downloader(new StubHandler(() => MediaBodies.Ok(MediaBodies.Png(100), served), () => MediaBodies.Ok([1, 2, 3], served)));

        using var media = await downloader.DownloadAsync(MediaBodies.Job(mimeType: "image/png"), CancellationToken.None);
        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => downloader.DownloadAsync(MediaBodies.Job(mimeType: "image/png"), CancellationToken.None));

        Assert.Equal("image/png", media.ContentType);
        Assert.Equal(MediaArchiveFailure.ContentTypeNotAllowed, error.Failure);
    }

    [Fact]
    public async Task Download_OctetStreamWithoutARecordType_NotAllowedByDefault()
    {
        var downloader = Downloader(new StubHandler(() => MediaBodies.Ok([1, 2, 3], "application/octet-stream")));

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => downloader.DownloadAsync(MediaBodies.Job(mimeType: null), CancellationToken.None));

        Assert.Equal(MediaArchiveFailure.ContentTypeNotAllowed, error.Failure);
    }

    [Fact]
    public async Task Download_RedirectFollowedByTheStub_CheckedHopByHop()
    {
        var handler = new StubHandler(() => MediaBodies.Redirect("http://10.0.0.5/a.jpg"));
        var downloader = Downloader(handler, o => o.AllowInsecureTransport = true);

        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => downloader.DownloadAsync(MediaBodies.Job(), CancellationToken.None));

        Assert.Equal(MediaArchiveFailure.Denied, error.Failure);
        Assert.StartsWith("refused (address): redirect to 10.0.0.5: address 10.0.0.5 (private)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Requests);
        Assert.Equal(["10.0.0.5"], log.Values<string>(RefusedEvent, "Host"));
    }

    private MediaDownloader Downloader(StubHandler handler, Action<MediaArchiveOptions>? configure = null)
    {
        var options = new MediaArchiveOptions { Path = root, QuickRetries = 0 };
        configure?.Invoke(options);
        return new MediaDownloader(new HttpClient(handler), Options.Create(options), new FakeTimeProvider(), metrics.Metrics, log);
    }
}
