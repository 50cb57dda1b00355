using System.Globalization;

namespace Streamer.Nxlink;

/// <summary>
/// The API's timestamps are <c>yyyy-MM-dd HH:mm:ss</c> local time without a zone; the account's zone is
/// configuration. These helpers read and write them in a given zone.
/// </summary>
public static class NxlinkTime
{
    /// <summary>The API's timestamp format.</summary>
    public const string Format = "yyyy-MM-dd HH:mm:ss";

    /// <summary>Reads an API timestamp in <paramref name="zone"/>; false when it is missing or malformed.</summary>
    public static bool TryParse(string? text, TimeZoneInfo zone, out DateTimeOffset value)
    {
        value = default;
        if (!TryParseLocal(text, out var local))
        {
            return false;
        }

        return TryFromLocal(local, zone, out value);
    }

    /// <summary>
    /// Reads an API timestamp as the local time it states, without a zone; false when it is missing or
    /// malformed. Checking a timestamp this way costs about half of <see cref="TryParse"/>: the zone's
    /// offset is the expensive part, and a caller that may not need the instant can defer it.
    /// </summary>
    public static bool TryParseLocal(string? text, out DateTime local)
    {
        local = default;
        return text is not null && TryParseLocal(text.AsSpan(), out local);
    }

    /// <summary>
    /// The instant a local time read by <see cref="TryParseLocal(string?, out DateTime)"/> denotes in <paramref name="zone"/>.
    /// Throws for a local time at the very ends of the calendar that has no instant in the zone (for example
    /// <c>0001-01-01 00:00:00</c> east of UTC); <see cref="TryFromLocal"/> does not.
    /// </summary>
    public static DateTimeOffset FromLocal(DateTime local, TimeZoneInfo zone) => new(local, zone.GetUtcOffset(local));

    /// <summary>
    /// The instant a local time denotes in <paramref name="zone"/>; false when it has none, being at the very
    /// ends of the calendar (its UTC time would fall before year 1 or after year 9999).
    /// </summary>
    public static bool TryFromLocal(DateTime local, TimeZoneInfo zone, out DateTimeOffset value)
    {
        var offset = zone.GetUtcOffset(local);
        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            value = default;
            return false;
        }

        value = new DateTimeOffset(local, offset);
        return true;
    }

    /// <summary>Reads an API timestamp in <paramref name="zone"/>, or null when it is missing or malformed.</summary>
    public static DateTimeOffset? Parse(string? text, TimeZoneInfo zone) =>
        TryParse(text, zone, out var value) ? value : null;

    /// <summary>Writes an instant as the API's local text in <paramref name="zone"/> (seconds truncated).</summary>
    public static string ToApiText(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>Expresses an instant in <paramref name="zone"/>.</summary>
    public static DateTimeOffset InZone(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    // Hand-written because this runs for every record on the hot path; ParseExact allocates and is slow.
    private static bool TryParseLocal(ReadOnlySpan<char> s, out DateTime local)
    {
        local = default;
        if (s.Length != 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':')
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day) ||
            !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            var digit = s[i] - '0';
            if ((uint)digit > 9)
            {
                return false;
            }

            value = (value * 10) + digit;
        }

        return true;
    }
}
