using System.ComponentModel.DataAnnotations;

namespace Streamer.Samples.Analytics;

/// <summary>The counting itself (<c>Analytics__ReportInterval</c>, <c>Analytics__DeduplicationWindow</c>, <c>Analytics__Origins__N</c>).</summary>
public sealed class AnalyticsOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Analytics";

    /// <summary>How often the counts are logged.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many recent event ids are remembered to drop redeliveries (memory: ~50 bytes each).</summary>
    [Range(1, 10_000_000)]
    public int DeduplicationWindow { get; set; } = 100_000;

    /// <summary>
    /// The origins counted (<c>Live</c>, <c>Snapshot</c>, <c>Backfill</c>), read from the <c>Streamer-Origin</c>
    /// header by <see cref="OriginFilter{T}"/>; empty: every message.
    /// </summary>
    public List<string> Origins { get; set; } = [];
}
