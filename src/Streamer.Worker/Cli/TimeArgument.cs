using System.Globalization;

namespace Streamer.Worker.Cli;

/// <summary>
/// Reads <c>--from</c>/<c>--to</c>: ISO 8601 with an offset (<c>2026-11-24T08:00:00Z</c>,
/// <c>2026-11-24T16:00:00+08:00</c>) is that instant; without one (<c>2026-11-24 16:00:00</c>) it is the
/// account's local time, as the API writes its timestamps. Never the machine's zone.
/// </summary>
public static class TimeArgument
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"];

    private static readonly string[] OffsetFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyy-MM-dd HH:mm:sszzz", "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm'Z'",
    ];

    /// <summary>Parses <paramref name="text"/>, reading a time without offset in <paramref name="zone"/>.</summary>
    public static bool TryParse(string text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        text = text.Trim();
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            value = new DateTimeOffset(local, zone.GetUtcOffset(local));
            return true;
        }

        return DateTimeOffset.TryParseExact(text, OffsetFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }
}
