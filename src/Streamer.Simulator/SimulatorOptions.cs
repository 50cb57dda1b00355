using System.ComponentModel.DataAnnotations;

namespace Streamer.Simulator;

/// <summary>
/// Configuration of the simulator (section <c>Simulator</c>; env <c>Simulator__Key</c>, command line
/// <c>--Simulator:Key=value</c>).
/// </summary>
public sealed class SimulatorOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Simulator";

    /// <summary>The accessKey header the server accepts.</summary>
    [Required] public string AccessKey { get; set; } = "demo-access-key";

    /// <summary>The secret the sign header must be made with.</summary>
    [Required] public string AccessSecret { get; set; } = "demo-access-secret";

    /// <summary>The tenant_id the server accepts.</summary>
    [Required] public string TenantId { get; set; } = "1";

    /// <summary>The appkey the server accepts.</summary>
    [Required] public string AppKey { get; set; } = "demo-appkey";

    /// <summary>
    /// How many tenants the server carries. Tenant 0 has the credentials above; tenant i &gt; 0 has tenant_id
    /// <c>{TenantId}-{i}</c>, appkey <c>{AppKey}-{i}</c>, accessKey <c>{AccessKey}-{i}</c> and accessSecret
    /// <c>{AccessSecret}-{i}</c>, its own records, traffic (seed <c>Seed+i</c>) and ground truth. Tenants are made
    /// on their first change, so idle ones cost nothing but a slot.
    /// </summary>
    [Range(1, 100_000)] public int Tenants { get; set; } = 1;

    /// <summary>Customers of each tenant i &gt; 0 (tenant 0 has 300): the memory a tenant takes once it has traffic.</summary>
    [Range(1, 10_000)] public int TenantCustomers { get; set; } = 20;

    /// <summary>
    /// When more than 0, live traffic for every tenant starts at start-up at this many changes per tenant per minute
    /// (one loop for all tenants, round robin, no bursts); <c>POST /_sim/traffic?tenant=all</c> starts one at any time.
    /// </summary>
    [Range(0, 60_000)] public double TenantLiveRatePerMinute { get; set; }

    /// <summary>IANA zone of the API's zone-less timestamps.</summary>
    [Required] public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Which timestamp start_time/end_time filter on, and the sort key of order_by.</summary>
    public TimestampField FilterOn { get; set; } = TimestampField.CreatedAt;

    /// <summary>
    /// Switch <see cref="FilterOn"/> to the other timestamp once, this long after start-up (null: never). The
    /// control call <c>POST /_sim/filter</c> switches at any time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")] public TimeSpan? FilterSwitchAfter { get; set; }

    /// <summary>
    /// Whether a change moves the record's updated_at (true, the default). When false, updated_at stays equal to
    /// created_at whatever changes: an API whose two timestamps never differ.
    /// </summary>
    public bool UpdatedAtFollowsChanges { get; set; } = true;

    /// <summary>Seed of the traffic generator (faults use Seed+1).</summary>
    public int Seed { get; set; } = 42;

    /// <summary>What to do at start-up.</summary>
    public SimulatorMode Mode { get; set; } = SimulatorMode.Idle;

    /// <summary>Backlog mode: how many changes to generate at start-up.</summary>
    [Range(0, 50_000_000)] public int BacklogChanges { get; set; } = 10_000;

    /// <summary>Backlog mode: the past span the backlog's timestamps are spread over (ending now).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")] public TimeSpan BacklogSpan { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Live mode: changes per second.</summary>
    [Range(0.001, 1_000_000)] public double LiveRate { get; set; } = 50;

    /// <summary>Live mode: stop after this many changes (0 = never).</summary>
    [Range(0, long.MaxValue)] public long LiveMaxChanges { get; set; }

    /// <summary>A record changes again only when its last change is at least this old and in an earlier second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")] public TimeSpan MinChangeGap { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a burst of <see cref="BurstSize"/> records created in one second happens (0 disables bursts).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")] public TimeSpan BurstInterval { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Records created in the same second by one burst (a broadcast campaign).</summary>
    [Range(0, 100_000)] public int BurstSize { get; set; } = 150;

    /// <summary>Share of requests failed: half HTTP 500, half code -1.</summary>
    [Range(0.0, 1.0)] public double ErrorRate { get; set; }

    /// <summary>Share of requests answered with a truncated JSON body.</summary>
    [Range(0.0, 1.0)] public double MalformedRate { get; set; }

    /// <summary>Upper bound of the uniform latency added to every request.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan LatencyMax { get; set; }

    /// <summary>Share of requests that hang for <see cref="TimeoutDuration"/>.</summary>
    [Range(0.0, 1.0)] public double TimeoutRate { get; set; }

    /// <summary>How long a request picked by <see cref="TimeoutRate"/> hangs.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")] public TimeSpan TimeoutDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Share of page 2+ requests before which a record on page 1 of the same query gets a reaction, so the pages
    /// a client reads drift under it.
    /// </summary>
    [Range(0.0, 1.0)] public double PageOneChangeRate { get; set; }

    /// <summary>Share of media downloads answered with HTTP 503.</summary>
    [Range(0.0, 1.0)] public double MediaErrorRate { get; set; }

    /// <summary>Latency added to every media download.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan MediaLatency { get; set; }

    /// <summary>How long a media link stays valid after the record's creation.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")] public TimeSpan MediaLinkLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>Base URL of media links; when empty, the request's scheme and host.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return new ValidationResult($"'{TimeZone}' is not a known time zone id.", [nameof(TimeZone)]);
        }

        if (PublicBaseUrl is { IsAbsoluteUri: false })
        {
            yield return new ValidationResult("PublicBaseUrl must be an absolute URL.", [nameof(PublicBaseUrl)]);
        }
    }
}
