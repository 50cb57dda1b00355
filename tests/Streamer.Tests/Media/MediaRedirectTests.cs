using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Streamer.Contracts;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

/// <summary>
/// Redirects through the real handler and its address filter: names resolve from a table, and every connection,
/// whatever address it was checked for, really goes to a server on loopback.
/// </summary>
public sealed class MediaRedirectTests : IAsyncLifetime
{
    private const int RefusedEvent = 110;

    private readonly string root = Path.Combine(Path.GetTempPath(), $"streamer-redirect-test-{Guid.NewGuid():N}");
    private readonly ConcurrentQueue<string> served = new();
    private readonly RecordingConnector connector = new();
    private readonly RecordingLogger<MediaDownloader> log = new();
    private readonly MetricsRecorder metrics = new();
    private readonly FakeResolver resolver = new(new()
    {
        ["cdn.example.com"] = ["93.184.215.14"],
        ["cdn2.example.com"] = ["93.184.216.34"],
        ["internal.example.com"] = ["10.0.0.5"],
    });

    private WebApplication app = null!;
    private int port;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        app = builder.Build();
        app.Run(ServeAsync);
        await app.StartAsync();
        port = new Uri(app.Urls.Single()).Port;
        connector.Loopback = new IPEndPoint(IPAddress.Loopback, port);
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        metrics.Dispose();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Download_RedirectToAHostWithAPrivateAddress_DeniedWithoutConnectingThere()
    {
        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => DownloadAsync("start-private"));

        Assert.Equal(MediaArchiveFailure.Denied, error.Failure);
        Assert.Contains("internal.example.com resolves to 10.0.0.5 (private)", error.Message, StringComparison.Ordinal);
        Assert.Equal(["cdn.example.com/start-private"], served);
        Assert.Equal(["93.184.215.14"], connector.Connections.Select(c => Assert.Single(c).ToString()));
        Assert.Equal(["internal.example.com"], log.Values<string>(RefusedEvent, "Host"));
        Assert.Equal(1, metrics.Sum("streamer.media.refused", "rule", MediaRefusal.AddressRule));
        Assert.DoesNotContain("sig=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_RedirectToAnotherPublicHost_FollowedAndEachHopConnectsThroughTheFilter()
    {
        using var media = await DownloadAsync("start-public");

        Assert.Equal(MediaBodies.Jpeg(1, 2, 3), await File.ReadAllBytesAsync(media.Path));
        Assert.Equal(["cdn.example.com/start-public", "cdn2.example.com/photo"], served);
        Assert.Equal(["93.184.215.14", "93.184.216.34"], connector.Connections.Select(c => Assert.Single(c).ToString()));
    }

    [Fact]
    public async Task Download_RedirectLoop_DeniedAfterMaxRedirects()
    {
        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => DownloadAsync("loop", maxRedirects: 2));

        Assert.Equal(MediaArchiveFailure.Denied, error.Failure);
        Assert.Equal(3, served.Count);
        Assert.Equal(1, metrics.Sum("streamer.media.refused", "rule", MediaRefusal.RedirectRule));
    }

    [Theory]
    [InlineData("start-ftp", MediaRefusal.SchemeRule)]
    [InlineData("start-metadata", MediaRefusal.AddressRule)]
    public async Task Download_RedirectToAForbiddenTarget_DeniedBeforeRequestingIt(string path, string rule)
    {
        var error = await Assert.ThrowsAsync<MediaDownloadException>(() => DownloadAsync(path));

        Assert.Equal(MediaArchiveFailure.Denied, error.Failure);
        Assert.Equal([$"cdn.example.com/{path}"], served);
        Assert.Single(connector.Connections);
        Assert.Equal(1, metrics.Sum("streamer.media.refused", "rule", rule));
    }

    private async Task<DownloadedMedia> DownloadAsync(string path, int maxRedirects = 3)
    {
        var options = Options.Create(new MediaArchiveOptions { Path = root, AllowInsecureTransport = true, MaxRedirects = maxRedirects, QuickRetries = 2 });
        using var http = new HttpClient(new MediaConnectionFilter(options, resolver, connector).CreateHandler());
        var downloader = new MediaDownloader(http, options, TimeProvider.System, metrics.Metrics, log);
        return await downloader.DownloadAsync(MediaBodies.Job($"http://cdn.example.com:{port}/{path}?Expires=1&sig=secret"), CancellationToken.None);
    }

    private Task ServeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!.Trim('/');
        served.Enqueue($"{context.Request.Host.Host}/{path}");
        var response = context.Response;
        switch (path)
        {
            case "start-private":
                response.Redirect($"http://internal.example.com:{port}/secret");
                return Task.CompletedTask;
            case "start-public":
                response.Redirect($"http://cdn2.example.com:{port}/photo");
                return Task.CompletedTask;
            case "start-ftp":
                response.Redirect("ftp://cdn.example.com/photo");
                return Task.CompletedTask;
            case "start-metadata":
                response.Redirect("http://169.254.169.254/latest/meta-data/");
                return Task.CompletedTask;
            case "loop":
                response.Redirect("/loop");
                return Task.CompletedTask;
            case "photo":
                response.ContentType = "image/jpeg";
                return response.Body.WriteAsync(MediaBodies.Jpeg(1, 2, 3)).AsTask();
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
        }
    }
}
