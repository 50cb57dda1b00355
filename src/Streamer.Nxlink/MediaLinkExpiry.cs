using System.Collections.Specialized;
using System.Globalization;
using System.Web;

namespace Streamer.Nxlink;

/// <summary>
/// When a <c>media_link</c> expires, read from the exact query parameters of the signed storage URL schemes:
/// <c>Expires=&lt;unix seconds&gt;</c> (S3 SigV2, OSS, COS and CDN URL signing), and the signing time plus a
/// duration in seconds of SigV4 (<c>X-Amz-Date</c> + <c>X-Amz-Expires</c>) and of Google Cloud Storage V4
/// (<c>X-Goog-Date</c> + <c>X-Goog-Expires</c>). Anything else is an unknown expiry: the download is tried.
/// </summary>
public static class MediaLinkExpiry
{
    // 2000-01-01: an earlier "expiry" is a duration or a lie, not a time, and must not fail a download untried.
    private const long Earliest = 946_684_800;

    // DateTimeOffset's range: a larger number is not a time.
    private const long Latest = 253_402_300_799;

    // SigV4 presigned URLs live at most seven days.
    private const long MaxSignedSeconds = 604_800;

    /// <summary>The link's expiry in Unix seconds; null when it has none, or none that reads as a time.</summary>
    public static long? Of(string? link)
    {
        // Relative links too (a link is read before it is known where it will be fetched from).
        var start = link?.IndexOf('?', StringComparison.Ordinal) ?? -1;
        if (start < 0)
        {
            return null;
        }

        var end = link!.IndexOf('#', start);

        // Names compare without case; a parameter given twice is joined with a comma and then reads as unknown.
        var query = HttpUtility.ParseQueryString(end < 0 ? link[(start + 1)..] : link[(start + 1)..end]);
        return Seconds(query["Expires"], Earliest, Latest)
            ?? Signed(query, "X-Amz-Date", "X-Amz-Expires")
            ?? Signed(query, "X-Goog-Date", "X-Goog-Expires");
    }

    // A signing time (yyyyMMdd'T'HHmmss'Z') plus the seconds the signature is valid.
    private static long? Signed(NameValueCollection query, string dateName, string durationName)
    {
        if (!DateTimeOffset.TryParseExact(query[dateName], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signed) ||
            Seconds(query[durationName], 1, MaxSignedSeconds) is not { } duration)
        {
            return null;
        }

        var expires = signed.ToUnixTimeSeconds() + duration;
        return expires is >= Earliest and <= Latest ? expires : null;
    }

    private static long? Seconds(string? value, long min, long max) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : null;
}
