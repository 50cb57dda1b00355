using System.ComponentModel.DataAnnotations;
using Streamer.Nxlink;

namespace Streamer.Worker.Configuration;

/// <summary>How accounts are polled. See docs/polling.md for why the defaults are what they are.</summary>
public sealed class PollingOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Polling";

    /// <summary>The shortest poll interval, of <see cref="Interval"/> and of an account's own.</summary>
    internal const string MinInterval = "00:00:00.050";

    /// <summary>The longest poll interval, of <see cref="Interval"/> and of an account's own.</summary>
    internal const string MaxInterval = "1.00:00:00";

    /// <summary>Which timestamp start_time/end_time filter on; <see cref="TimeFilter.Auto"/> learns it from the API.</summary>
    public TimeFilter FilterOn { get; set; } = TimeFilter.Auto;

    /// <summary>Under <see cref="TimeFilter.Auto"/>, how often a decision is verified again by probing the API.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan FilterProbeEvery { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Time between polls of an account (an account may override it).</summary>
    [Range(typeof(TimeSpan), MinInterval, MaxInterval)]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Each poll re-reads this much before the cursor, for records that appear late with older timestamps.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan Overlap { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Windows end this long before now, so a second is read only once it is complete.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SafetyLag { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Records per page (the API's maximum is 100).</summary>
    [Range(1, NxlinkHeaders.MaxPageSize)]
    public int PageSize { get; set; } = NxlinkHeaders.MaxPageSize;

    /// <summary>A slice of a window holds at most this many pages; larger windows are cut in time.</summary>
    [Range(1, 1000)]
    public int MaxPagesPerSlice { get; set; } = 20;

    /// <summary>Pages of one slice fetched at once (after its first page, which tells how many there are); the slice that reads ahead fetches one at a time.</summary>
    [Range(1, 64)]
    public int PageConcurrency { get; set; } = 4;

    /// <summary>
    /// A hard cap on the pages of any slice, whatever the API's <c>total</c> says: a single second, which cannot
    /// be cut, is read up to this many pages and the rest of it is not read (a counted warning). A <c>total</c>
    /// that is negative or above this many pages is not believed: pages are read until a short one.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxPagesPerSecondSlice { get; set; } = 1_000;

    /// <summary>The largest page body read into memory; a larger page fails the poll, which is retried after a back-off.</summary>
    [Range(1_024, int.MaxValue)]
    public int MaxPageBytes { get; set; } = (int)NxlinkClient.DefaultMaxPageBytes;

    /// <summary>
    /// The last slice of a window asks for records this far past its end, so a record updated while the slice
    /// is paged stays in it (under an updated_at filter); it covers the API's clock running ahead of ours.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReadAhead { get; set; } = TimeSpan.FromHours(1);

    /// <summary>On first start (no cursor), stream the records of this last period as a snapshot.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan InitialLookback { get; set; } = TimeSpan.FromHours(24);

    /// <summary>On first start, stream from this instant instead of <see cref="InitialLookback"/>.</summary>
    public DateTimeOffset? StartFrom { get; set; }

    /// <summary>Re-scans of recent horizons; when unset, the defaults of <see cref="FilterOn"/> apply.</summary>
    public List<RescanTier>? Rescans { get; set; }

    /// <summary>Wait before polling again an account whose configuration the API refused.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan ConfigurationErrorDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Time allowed for one HTTP attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Retries of a transient API failure before the poll gives up and tries again next interval; 0: none.</summary>
    [Range(0, 100)]
    public int MaxRetries { get; set; } = 6;

    /// <summary>First retry delay; it grows exponentially with jitter, up to the larger of 30 s and itself.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Time allowed for one page including all its retries.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Requests per second per account (nxlink publishes no limit; its own client code pauses ~0.5 s between pages).</summary>
    [Range(0.1, 10_000)]
    public double MaxRequestsPerSecond { get; set; } = 10;

    /// <summary>Share of failed calls within 30 s (at least 10 calls) that opens the circuit for <see cref="BreakDuration"/>.</summary>
    [Range(0.01, 1.0)]
    public double BreakFailureRatio { get; set; } = 0.8;

    /// <summary>How long an open circuit rejects calls before one is let through to test the API again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "01:00:00")]
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Accounts polled at once by the one scheduler of the instance (a poll holds its slot from its first request to
    /// its last commit; a back-off wait holds none). Size it by Little's law: accounts / interval x seconds per poll
    /// (1,000 accounts at 5 s with 250 ms polls need 50). See docs/polling.md.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxConcurrentAccounts { get; set; } = 64;

    /// <summary>
    /// Requests per second to one API host (scheme, host and port of the accounts' BaseUrl), shared by every account
    /// on it, on top of <see cref="MaxRequestsPerSecond"/>. nxlink publishes no limit: this is an assumption, sized
    /// for 1,000 accounts at a 5 s interval (about 200-300 requests/s) with room to catch up.
    /// </summary>
    [Range(0.1, 100_000)]
    public double MaxRequestsPerSecondPerHost { get; set; } = 500;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The binder takes a number as an enum value, defined or not.
        if (!Enum.IsDefined(FilterOn))
        {
            yield return new ValidationResult("Polling:FilterOn must be Auto, CreatedAt or UpdatedAt.", [nameof(FilterOn)]);
        }
    }

    /// <summary>The re-scan tiers in effect for the configured <see cref="FilterOn"/> (under <see cref="TimeFilter.Auto"/>, until it has evidence).</summary>
    public IReadOnlyList<RescanTier> EffectiveRescans => RescansFor(FilterOn);

    /// <summary>The re-scan tiers in effect while the API is taken to filter on <paramref name="filter"/>: the configured ones if any.</summary>
    public IReadOnlyList<RescanTier> RescansFor(TimeFilter filter) => Rescans is { Count: > 0 } ? Rescans : filter switch
    {
        TimeFilter.UpdatedAt => [new() { Horizon = TimeSpan.FromDays(7), Every = TimeSpan.FromHours(6) }],
        _ =>
        [
            new() { Horizon = TimeSpan.FromMinutes(15), Every = TimeSpan.Zero },
            new() { Horizon = TimeSpan.FromHours(24), Every = TimeSpan.FromMinutes(5) },
            new() { Horizon = TimeSpan.FromDays(7), Every = TimeSpan.FromHours(1) },
        ],
    };
}
