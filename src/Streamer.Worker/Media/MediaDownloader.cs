using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Streamer.Contracts;

namespace Streamer.Worker.Media;

/// <summary>
/// Downloads a media link into the incoming folder while hashing it, enforcing the size limit and the allowed
/// content types. Transient failures (network, timeouts, 5xx, 429) are retried a few times at once; what is
/// left is a <see cref="MediaDownloadException"/>, permanent or not.
/// </summary>
public sealed class MediaDownloader
{
    // Links a few seconds short of expiry by our clock may already be dead by the storage's.
    private static readonly TimeSpan ExpiryGrace = TimeSpan.FromSeconds(30);

    private readonly HttpClient http;
    private readonly MediaArchiveOptions options;
    private readonly TimeProvider time;
    private readonly ResiliencePipeline pipeline;
    private readonly string incoming;

    /// <summary>Creates the downloader on a typed client.</summary>
    public MediaDownloader(HttpClient http, IOptions<MediaArchiveOptions> options, TimeProvider time)
    {
        this.http = http;
        this.options = options.Value;
        this.time = time;
        incoming = Path.Combine(Path.GetFullPath(this.options.Path), ".incoming");
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (this.options.QuickRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<MediaDownloadException>(e => !e.IsPermanent)
                    .Handle<HttpRequestException>()
                    .Handle<IOException>()
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
        if (!Uri.TryCreate(job.Link, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new MediaDownloadException(MediaArchiveFailure.Denied, "the media link is not an absolute http(s) URL");
        }

        try
        {
            return await pipeline.ExecuteAsync(ct => new ValueTask<DownloadedMedia>(AttemptAsync(uri, job, ct)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TimeoutRejectedException)
        {
            throw new MediaDownloadException(Describe(ex), ex);
        }
    }

    private async Task<DownloadedMedia> AttemptAsync(Uri uri, MediaJob job, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        ThrowOnError(response.StatusCode, job);

        var length = response.Content.Headers.ContentLength;
        if (length > options.MaxBytes)
        {
            throw TooLarge(length.Value);
        }

        var contentType = response.Content.Headers.ContentType?.MediaType ?? job.MimeType ?? "application/octet-stream";
        if (!options.Allows(contentType))
        {
            throw new MediaDownloadException(MediaArchiveFailure.ContentTypeNotAllowed, $"served as {contentType}, which MediaArchive:AllowedContentTypes does not allow");
        }

        Directory.CreateDirectory(incoming);
        var path = Path.Combine(incoming, Guid.NewGuid().ToString("N"));
        try
        {
            var (sha256, size) = await SaveAsync(response, path, cancellationToken).ConfigureAwait(false);
            return new DownloadedMedia(path, sha256, size, contentType);
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }

    private async Task<(string Sha256, long Size)> SaveAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920, useAsync: true);
        var buffer = new byte[81_920];
        long size = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            size += read;
            if (size > options.MaxBytes)
            {
                throw TooLarge(size);
            }

            hash.AppendData(buffer, 0, read);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
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

    private MediaDownloadException TooLarge(long size) =>
        new(MediaArchiveFailure.TooLarge, string.Create(CultureInfo.InvariantCulture, $"{size} bytes or more, over MediaArchive:MaxBytes {options.MaxBytes}"));

    // Exception messages of HttpClient can carry the host; the link's query (its signature) never is in them.
    private static string Describe(Exception ex) => ex switch
    {
        HttpRequestException { HttpRequestError: var error } => $"network error ({error})",
        TimeoutRejectedException => "timed out",
        _ => ex.GetType().Name,
    };
}
