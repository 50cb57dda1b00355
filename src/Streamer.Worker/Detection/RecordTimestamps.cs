using Streamer.Nxlink;

namespace Streamer.Worker.Detection;

/// <summary>
/// Which record timestamps can be true. One before 2000 (an epoch or zero default; WhatsApp came in 2009),
/// from 2100 on, or later than a day past the poll (<see cref="DetectionContext.NotAfter"/>) is a lying field,
/// and the record is rejected rather than remembered with it: a far-future <c>updated_at</c> would freeze the
/// record (every later state would look older), and a date at the ends of the calendar has no instant in
/// the account's zone. The day covers a zone misconfigured by a few hours and the API's clock running ahead.
/// </summary>
public static class RecordTimestamps
{
    /// <summary>The earliest timestamp believed, as local time.</summary>
    public static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>Timestamps from this local time on are never believed, whatever the clock says.</summary>
    public static readonly DateTime End = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    /// <summary>How far past the poll's now a timestamp is still believed.</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromDays(1);

    /// <summary>The <see cref="DetectionContext.NotAfter"/> of a poll at <paramref name="now"/> in <paramref name="zone"/>.</summary>
    public static DateTime NotAfter(DateTimeOffset now, TimeZoneInfo zone) => NxlinkTime.InZone(now + Ahead, zone).DateTime;

    /// <summary>Why the local time <paramref name="value"/> of <paramref name="field"/> cannot be true, or null when it can.</summary>
    public static string? Check(string field, DateTime value, DetectionContext context)
    {
        if (value < Earliest)
        {
            return $"{field} is before 2000";
        }

        if (value >= End)
        {
            return $"{field} is in or after 2100";
        }

        return value > context.NotAfter ? $"{field} is more than a day in the future" : null;
    }
}
