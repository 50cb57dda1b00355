using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.State;

namespace Streamer.Worker.Media;

/// <summary>
/// Downloads a media link into the incoming folder while hashing it. The link and every redirect hop must pass
/// <see cref="MediaLinkPolicy"/> (the client's <see cref="MediaConnectionFilter"/> checks each connection's
/// addresses too), and the body its size limit, the allowed content types and its type's first bytes; a refusal
/// is logged and counted by rule (<c>streamer.media.refused</c>). Transient failures (network, timeouts, 5xx,
/// 429) are retried a few times at once; what is left is a <see cref="MediaDownloadException"/>, permanent or
/// not. A full disk is thrown as it is, for the rounds to wait for room without counting an attempt.
/// </summary>
public sealed class MediaDownloader
{
    // Links a few seconds short of expiry by our clock may already be dead by the storage's.
    private static readonly TimeSpan ExpiryGrace = TimeSpan.FromSeconds(30);

    private readonly HttpClient http;
    private readonly MediaArchiveOptions options;
    private readonly MediaLinkPolicy policy;
    private readonly TimeProvider time;
    private readonly StreamerMetrics metrics;
    private readonly ILogger<MediaDownloader> logger;
    private readonly ResiliencePipeline pipeline;
    private readonly string incoming;

    /// <summary>Creates the downloader on a typed client.</summary>
    public MediaDownloader(HttpClient http, IOptions<MediaArchiveOptions> options, TimeProvider time, StreamerMetrics metrics, ILogger<MediaDownloader> logger)
    {
        this.http = http;
        this.options = options.Value;
        this.time = time;
        this.metrics = metrics;
        this.logger = logger;
        policy = new MediaLinkPolicy(this.options);
        incoming = Path.Combine(Path.GetFullPath(this.options.Path), ".incoming");
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (this.options.QuickRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<MediaDownloadException>(e => !e.IsPermanent)
                    .Handle<HttpRequestException>(e => MediaRefusedException.Find(e) is null)
                    .Handle<IOException>(e => !DiskFull.Is(e))
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = this.options.QuickRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
            });
        }

        pipeline = builder
            .AddTimeout(this.options.RequestTimeout)
            .Build();
    }

    /// <summary>The folder downloads are written to before they are stored.</summary>
    public string IncomingFolder => incoming;

    /// <summary>Deletes downloads cut short by a crash or stop; their jobs are still queued.</summary>
    public void RemoveIncoming()
    {
        if (Directory.Exists(incoming))
        {
            foreach (var file in Directory.EnumerateFiles(incoming))
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Downloads <paramref name="job"/>'s link; throws <see cref="MediaDownloadException"/> on failure.</summary>
    public async Task<DownloadedMedia> DownloadAsync(MediaJob job, CancellationToken cancellationToken)
    {
        var host = "(none)";
        try
        {
            if (!Uri.TryCreate(job.Link, UriKind.Absolute, out var uri))
            {
                throw Refused(MediaRefusal.SchemeRule, "the media link is not an absolute http(s) URL");
            }

            host = MediaLinkPolicy.NormalizeHost(uri.IdnHost);
            if (policy.CheckLink(uri) is { } refusal)
            {
                throw new MediaRefusedException(refusal);
            }

            return await pipeline.ExecuteAsync(ct => new ValueTask<DownloadedMedia>(FollowAsync(uri, job, next => host = next, ct)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (MediaRefusedException.Find(ex) is { } refusal)
        {
            metrics.MediaRefused(job.Account, refusal.Rule);
            Log.MediaRefused(logger, job.Account, UntrustedText.Clean(job.RecordId), UntrustedText.Clean(host), refusal.Rule, UntrustedText.Clean(refusal.Reason));
            throw new MediaDownloadException(refusal.Failure, $"refused ({refusal.Rule}): {refusal.Reason}");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutRejectedException && !DiskFull.Is(ex))
        {
            throw new MediaDownloadException(Describe(ex), ex);
        }
    }

    // Follows redirects itself, so that each hop's target is checked before it is requested; tells which host it is at.
    private async Task<DownloadedMedia> FollowAsync(Uri link, MediaJob job, Action<string> visiting, CancellationToken cancellationToken)
    {
        var uri = link;
        visiting(MediaLinkPolicy.NormalizeHost(uri.IdnHost));
        for (var hops = 0; ; hops++)
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode))
            {
                return await ReceiveAsync(response, job, cancellationToken).ConfigureAwait(false);
            }

            if (hops == options.MaxRedirects)
            {
                throw Refused(MediaRefusal.RedirectRule, string.Create(CultureInfo.InvariantCulture, $"more than MediaArchive:MaxRedirects ({options.MaxRedirects}) redirects"));
            }

            if (response.Headers.Location is not { } location)
            {
                throw Refused(MediaRefusal.RedirectRule, $"a redirect from {uri.IdnHost} without a Location");
            }

            uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
            visiting(MediaLinkPolicy.NormalizeHost(uri.IdnHost));
            if (policy.CheckLink(uri) is { } refusal)
            {
                throw new MediaRefusedException(refusal with { Reason = $"redirect to {uri.IdnHost}: {refusal.Reason}" });
            }
        }
    }

    private async Task<DownloadedMedia> ReceiveAsync(HttpResponseMessage response, MediaJob job, CancellationToken cancellationToken)
    {
        ThrowOnError(response.StatusCode, job);

        var length = response.Content.Headers.ContentLength;
        if (length > options.MaxBytes)
        {
            throw MediaBodyWriter.TooLarge(length.Value, options.MaxBytes);
        }

        var contentType = MediaContentTypes.Declared(response.Content.Headers.ContentType?.MediaType, job.MimeType);
        if (!options.Allows(contentType))
        {
            throw new MediaRefusedException(new MediaRefusal(
                MediaRefusal.ContentTypeRule, MediaArchiveFailure.ContentTypeNotAllowed, $"served as {contentType}, which MediaArchive:AllowedContentTypes does not allow"));
        }

        OwnerOnlyFiles.CreateFolder(incoming);
        var path = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var (sha256, size) = await MediaBodyWriter.SaveAsync(body, path, contentType, options.MaxBytes, cancellationToken).ConfigureAwait(false);
            return new DownloadedMedia(path, sha256, size, contentType);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private void ThrowOnError(HttpStatusCode status, MediaJob job)
    {
        var code = (int)status;
        var detail = string.Create(CultureInfo.InvariantCulture, $"HTTP {code} {status}");
        switch (code)
        {
            case >= 200 and < 300:
                return;
            case 404 or 410:
                throw new MediaDownloadException(MediaArchiveFailure.NotFound, detail);
            case 401 or 403:
                var expired = job.LinkExpiresAt is { } expires && time.GetUtcNow() >= expires - ExpiryGrace;
                throw new MediaDownloadException(expired ? MediaArchiveFailure.LinkExpired : MediaArchiveFailure.Denied, detail);
            case 413:
                throw new MediaDownloadException(MediaArchiveFailure.TooLarge, detail);
            case 408 or 429 or >= 500:
                throw new MediaDownloadException(null, detail);
            default:
                throw new MediaDownloadException(MediaArchiveFailure.Denied, detail);
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static MediaRefusedException Refused(string rule, string reason) => new(new MediaRefusal(rule, MediaArchiveFailure.Denied, reason));

    // Exception messages of HttpClient can carry the host; the link's query (its signature) never is in them.
    private static string Describe(Exception ex) => ex switch
    {
        HttpRequestException { HttpRequestError: var error } => $"network error ({error})",
        TimeoutRejectedException => "timed out",
        _ => ex.GetType().Name,
    };
}
