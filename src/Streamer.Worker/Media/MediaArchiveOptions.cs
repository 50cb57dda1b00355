using System.ComponentModel.DataAnnotations;

namespace Streamer.Worker.Media;

/// <summary>
/// Archiving of media files (<c>MediaArchive</c>): the API's links expire after 60 minutes, so each new media
/// record's file is downloaded once into a content store and announced with <c>ChatMediaArchived</c>.
/// </summary>
public sealed class MediaArchiveOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "MediaArchive";

    /// <summary>WhatsApp's largest media (documents) is 100 MB.</summary>
    public const long DefaultMaxBytes = 100L * 1024 * 1024;

    /// <summary>Whether media is archived. Off by default: it needs disk space.</summary>
    public bool Enabled { get; set; }

    /// <summary>The folder of the file system content store (created if missing).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "media";

    /// <summary>Downloads running at once.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 4;

    /// <summary>Files larger than this are not stored: <c>ChatMediaArchiveFailed</c> with TooLarge.</summary>
    [Range(1L, long.MaxValue)]
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>
    /// Content types that may be stored (<c>type/*</c> matches a whole type); when unset, the media types WhatsApp
    /// sends (<see cref="MediaContentTypes.Defaults"/>). A served type outside the list fails with
    /// ContentTypeNotAllowed; so do SVG, HTML, scripts and programs, even when listed.
    /// </summary>
    public List<string>? AllowedContentTypes { get; set; }

    /// <summary>Time allowed for one download attempt, body included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Quick retries of a failing download within one attempt round (network errors, 5xx, 429).</summary>
    [Range(0, 10)]
    public int QuickRetries { get; set; } = 2;

    /// <summary>First wait before a failing download's next round; doubles each round, at most 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Rounds before a download that keeps failing is given up (Unavailable), if its link has not expired first.</summary>
    [Range(1, 1000)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How often the archiver looks for due downloads when it has nothing to do.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Host names media may be fetched from: exact (<c>media.example.com</c>) or a suffix (<c>*.example.com</c>,
    /// any name under it). Empty: any host with public addresses. A host listed exactly may also resolve to a
    /// private, loopback or link-local address.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// Whether media may come from loopback, private (10/8, 172.16/12, 192.168/16), carrier-grade NAT and
    /// unique-local addresses, and over plain http: for a simulator or storage on the local network. Link-local
    /// addresses (cloud metadata) still need an exact <see cref="AllowedHosts"/> entry.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Whether links and redirects may use plain http; otherwise https only (unless <see cref="AllowPrivateNetworks"/>).</summary>
    public bool AllowInsecureTransport { get; set; }

    /// <summary>Redirects followed per download; each hop is checked like the link itself.</summary>
    [Range(0, 10)]
    public int MaxRedirects { get; set; } = 3;

    /// <summary>The allowed content types in effect.</summary>
    public IReadOnlyList<string> EffectiveAllowedContentTypes =>
        AllowedContentTypes is { Count: > 0 } list ? list : MediaContentTypes.Defaults;

    /// <summary>Whether <paramref name="contentType"/> (without parameters) is allowed.</summary>
    public bool Allows(string contentType)
    {
        if (MediaContentTypes.IsNeverAllowed(contentType))
        {
            return false;
        }

        foreach (var pattern in EffectiveAllowedContentTypes)
        {
            var allowed = pattern.EndsWith("/*", StringComparison.Ordinal)
                ? contentType.StartsWith(pattern[..^1], StringComparison.OrdinalIgnoreCase)
                : string.Equals(contentType, pattern, StringComparison.OrdinalIgnoreCase);
            if (allowed)
            {
                return true;
            }
        }

        return false;
    }
}
