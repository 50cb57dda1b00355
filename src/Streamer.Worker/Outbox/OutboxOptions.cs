using System.ComponentModel.DataAnnotations;

namespace Streamer.Worker.Outbox;

/// <summary>
/// The outbox between the detector and the broker (<c>Outbox</c>): how much may wait for the broker before
/// polling pauses, and how the relay retries.
/// </summary>
public sealed class OutboxOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Outbox";

    /// <summary>Rows waiting for the broker at which polling pauses (it resumes below 90% of it).</summary>
    [Range(1, 100_000_000)]
    public long MaxRows { get; set; } = 1_000_000;

    /// <summary>Bytes of serialized events waiting for the broker at which polling pauses (it resumes below 90% of it).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 1L << 30;

    /// <summary>
    /// While the broker takes events (the relay confirmed some within the last two seconds), polling waits
    /// when more than this many events wait, until half of them are out: reading far ahead of a broker
    /// that keeps up only spends CPU the broker needs. While the broker is away this does not apply.
    /// </summary>
    [Range(1, 100_000_000)]
    public long PaceAbove { get; set; } = 20_000;

    /// <summary>Rows read from the store at a time when the relay catches up after a start, a failure or an overflow.</summary>
    [Range(1, 100_000)]
    public int ReadBatch { get; set; } = 2_000;

    /// <summary>Events handed to the relay in memory and not yet taken; beyond it the relay reads them back from the store.</summary>
    [Range(1, 10_000_000)]
    public int FeedCapacity { get; set; } = 50_000;

    /// <summary>First wait after the broker failed; doubles, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between two attempts while the broker is away.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);
}
