using System.Globalization;

namespace Streamer.Nxlink;

/// <summary>When a <c>media_link</c> expires: signed storage links carry <c>Expires=&lt;unix seconds&gt;</c>.</summary>
public static class MediaLinkExpiry
{
    private const string Parameter = "Expires=";

    /// <summary>The link's expiry in Unix seconds; null when it has none or it is unreadable.</summary>
    public static long? Of(string? link)
    {
        var at = link?.IndexOf(Parameter, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (at < 0)
        {
            return null;
        }

        var digits = link.AsSpan(at + Parameter.Length);
        var end = digits.IndexOfAnyExceptInRange('0', '9');
        if (end >= 0)
        {
            digits = digits[..end];
        }

        // DateTimeOffset's range: a larger number is not a time.
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var unix) && unix is > 0 and < 253402300799
            ? unix
            : null;
    }
}
