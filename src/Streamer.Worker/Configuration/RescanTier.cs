using System.Globalization;

namespace Streamer.Worker.Configuration;

/// <summary>A re-scan of the last <see cref="Horizon"/>, run every <see cref="Every"/> (zero: on every poll).</summary>
public sealed class RescanTier
{
    /// <summary>How far back the re-scan reads.</summary>
    public TimeSpan Horizon { get; set; }

    /// <summary>How often it runs; zero means on every poll.</summary>
    public TimeSpan Every { get; set; }

    /// <summary>
    /// The tier's name, its horizon as a short label (<c>15m</c>, <c>1d</c>): the key of its last run in a
    /// cursor, so a run is remembered by what it covered whichever tier list is in effect.
    /// </summary>
    public string Key => Label(Horizon);

    /// <summary>A span as a short label: <c>7d</c>, <c>6h</c>, <c>15m</c> or <c>90s</c>.</summary>
    public static string Label(TimeSpan span) => span switch
    {
        { Ticks: var t } when t % TimeSpan.TicksPerDay == 0 => string.Create(CultureInfo.InvariantCulture, $"{span.Days}d"),
        { Ticks: var t } when t % TimeSpan.TicksPerHour == 0 => string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours}h"),
        { Ticks: var t } when t % TimeSpan.TicksPerMinute == 0 => string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalMinutes}m"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalSeconds}s"),
    };
}
