using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Streamer.Simulator.Media;

/// <summary>
/// Signed, expiring media links like a cloud storage bucket's: <c>/_sim/media/{id}/{file}?Expires=..&amp;sig=..</c>
/// (or S3's <c>X-Amz-Date</c>/<c>X-Amz-Expires</c> form).
/// Stored relative; made absolute per response, since the host a client used is only known then.
/// </summary>
internal sealed class MediaLinks(IOptions<SimulatorOptions> options)
{
    public const string PathPrefix = "/_sim/media/";

    /// <summary>The format of <c>X-Amz-Date</c>.</summary>
    public const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    // S3's limit on a presigned URL's lifetime: seven days.
    private const long MaxAmzExpires = 604_800;

    private readonly byte[] key = Encoding.UTF8.GetBytes("media:" + options.Value.AccessSecret);

    public string Relative(long recordId, string fileName, long expires) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{PathPrefix}{recordId}/{Uri.EscapeDataString(fileName)}?Expires={expires}&sig={Signature(recordId, fileName, expires)}");

    /// <summary>
    /// A link signed like an S3 presigned URL: <c>X-Amz-Date</c> (UTC, yyyyMMddTHHmmssZ), <c>X-Amz-Expires</c> (seconds
    /// after it) and <c>X-Amz-Signature</c>, and no <c>Expires=</c>.
    /// </summary>
    public string AmzRelative(long recordId, string fileName, long dateSecond, long lifetimeSeconds) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{PathPrefix}{recordId}/{Uri.EscapeDataString(fileName)}?X-Amz-Date={DateTimeOffset.FromUnixTimeSeconds(dateSecond).ToString(AmzDateFormat, CultureInfo.InvariantCulture)}" +
            $"&X-Amz-Expires={lifetimeSeconds}&X-Amz-Signature={Signature(recordId, fileName, dateSecond + lifetimeSeconds)}");

    /// <summary>When a link's query says it expires (Unix seconds), and the signature it carries; null when it says nothing readable.</summary>
    public static long? ExpiryOf(IQueryCollection query, out string? signature)
    {
        if (long.TryParse(query["Expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            signature = query["sig"];
            return expires;
        }

        signature = query["X-Amz-Signature"];
        return DateTimeOffset.TryParseExact(query["X-Amz-Date"].ToString(), AmzDateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) &&
            long.TryParse(query["X-Amz-Expires"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= MaxAmzExpires
            ? date.ToUnixTimeSeconds() + seconds
            : null;
    }

    public bool Verify(long recordId, string fileName, long expires, string? signature) =>
        signature is not null &&
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Signature(recordId, fileName, expires)),
            Encoding.ASCII.GetBytes(signature));

    private string Signature(long recordId, string fileName, long expires)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{recordId}\n{fileName}\n{expires}");
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)))[..32];
    }
}
