using Microsoft.Extensions.Options;
using Streamer.Simulator.Control;

namespace Streamer.Simulator.Faults;

/// <summary>
/// Draws faults for chat records requests from its own Random (Seed+1), so faults never shift the data sequence.
/// Every request draws the same number of values, so a run's faults depend only on its request count. Media
/// faults (Seed+2) and page-one changes (Seed+3) draw from Randoms of their own, so they leave those draws as they are.
/// The hostile response knobs (lyingTotal, bom) draw nothing: each request gets them as they stand. The server has
/// one (every tenant's, by default); a tenant given knobs of its own has its own, seeded 3 * index further on.
/// </summary>
internal sealed class FaultInjector(IOptions<SimulatorOptions> options, SimulatorClock clock, SimulatorStats stats, ILogger<FaultInjector> logger, int? tenant)
{
    private readonly Lock gate = new();
    private readonly Random random = new(unchecked(options.Value.Seed + (3 * (tenant ?? 0)) + 1));
    private double errorRate = options.Value.ErrorRate;
    private double malformedRate = options.Value.MalformedRate;
    private TimeSpan latencyMax = options.Value.LatencyMax;
    private double timeoutRate = options.Value.TimeoutRate;
    private TimeSpan timeout = options.Value.TimeoutDuration;
    private readonly Random mediaRandom = new(unchecked(options.Value.Seed + (3 * (tenant ?? 0)) + 2));
    private double mediaErrorRate = options.Value.MediaErrorRate;
    private TimeSpan mediaLatency = options.Value.MediaLatency;
    private readonly Random pageOneRandom = new(unchecked(options.Value.Seed + (3 * (tenant ?? 0)) + 3));
    private double pageOneChangeRate = options.Value.PageOneChangeRate;
    private LyingTotal lyingTotal;
    private bool bom;

    /// <summary>The server's injector (what DI makes).</summary>
    public FaultInjector(IOptions<SimulatorOptions> options, SimulatorClock clock, SimulatorStats stats, ILogger<FaultInjector> logger)
        : this(options, clock, stats, logger, tenant: null)
    {
    }

    public FaultSettings Settings
    {
        get
        {
            lock (gate)
            {
                return new FaultSettings
                {
                    ErrorRate = errorRate,
                    MalformedRate = malformedRate,
                    LatencyMaxMs = latencyMax.TotalMilliseconds,
                    TimeoutRate = timeoutRate,
                    TimeoutMs = timeout.TotalMilliseconds,
                    MediaErrorRate = mediaErrorRate,
                    MediaLatencyMs = mediaLatency.TotalMilliseconds,
                    PageOneChangeRate = pageOneChangeRate,
                    LyingTotal = Name(lyingTotal),
                    Bom = bom,
                };
            }
        }
    }

    /// <summary>Changes the knobs <paramref name="settings"/> sets; an error message when one is out of range.</summary>
    public string? Apply(FaultSettings settings)
    {
        if (Invalid(settings.ErrorRate, 1) || Invalid(settings.MalformedRate, 1) || Invalid(settings.TimeoutRate, 1) ||
            Invalid(settings.MediaErrorRate, 1) || Invalid(settings.PageOneChangeRate, 1))
        {
            return "errorRate, malformedRate, timeoutRate, mediaErrorRate and pageOneChangeRate must be between 0 and 1.";
        }

        if (Invalid(settings.LatencyMaxMs, 600_000) || Invalid(settings.TimeoutMs, 3_600_000) || Invalid(settings.MediaLatencyMs, 600_000))
        {
            return "latencyMaxMs and mediaLatencyMs must be 0..600000 and timeoutMs 0..3600000.";
        }

        LyingTotal? lie = settings.LyingTotal is null ? null : Parse(settings.LyingTotal);
        if (settings.LyingTotal is not null && lie is null)
        {
            return $"lyingTotal must be {LyingTotals.Huge}, {LyingTotals.Negative} or {LyingTotals.None}.";
        }

        lock (gate)
        {
            errorRate = settings.ErrorRate ?? errorRate;
            malformedRate = settings.MalformedRate ?? malformedRate;
            latencyMax = settings.LatencyMaxMs is { } latency ? TimeSpan.FromMilliseconds(latency) : latencyMax;
            timeoutRate = settings.TimeoutRate ?? timeoutRate;
            timeout = settings.TimeoutMs is { } ms ? TimeSpan.FromMilliseconds(ms) : timeout;
            mediaErrorRate = settings.MediaErrorRate ?? mediaErrorRate;
            mediaLatency = settings.MediaLatencyMs is { } media ? TimeSpan.FromMilliseconds(media) : mediaLatency;
            pageOneChangeRate = settings.PageOneChangeRate ?? pageOneChangeRate;
            lyingTotal = lie ?? lyingTotal;
            bom = settings.Bom ?? bom;
        }

        var now = Settings;
        Log.FaultsSet(logger, tenant is { } index ? $"tenant {index}" : "the server", now.ErrorRate ?? 0, now.MalformedRate ?? 0, now.LatencyMaxMs ?? 0, now.TimeoutRate ?? 0, now.TimeoutMs ?? 0);
        if (settings.PageOneChangeRate is not null)
        {
            Log.PageOneChangeRateSet(logger, now.PageOneChangeRate ?? 0);
        }

        if (settings.LyingTotal is not null || settings.Bom is not null)
        {
            Log.HostileResponsesSet(logger, now.LyingTotal ?? LyingTotals.None, now.Bom ?? false);
        }

        return null;
    }

    /// <summary>Waits the drawn latency (and hang), then says which answer the request gets.</summary>
    public async Task<FaultOutcome> DrawAsync(CancellationToken aborted)
    {
        double latencyRoll, timeoutRoll, errorRoll, kindRoll, malformedRoll, cut;
        TimeSpan maxLatency, hang;
        double errors, malformed, timeouts;
        LyingTotal lie;
        bool withBom;
        lock (gate)
        {
            (latencyRoll, timeoutRoll, errorRoll) = (random.NextDouble(), random.NextDouble(), random.NextDouble());
            (kindRoll, malformedRoll, cut) = (random.NextDouble(), random.NextDouble(), random.NextDouble());
            (maxLatency, hang, errors, malformed, timeouts) = (latencyMax, timeout, errorRate, malformedRate, timeoutRate);
            (lie, withBom) = (lyingTotal, bom);
        }

        if (maxLatency > TimeSpan.Zero)
        {
            await Task.Delay(maxLatency * latencyRoll, clock.Time, aborted).ConfigureAwait(false);
        }

        if (timeoutRoll < timeouts)
        {
            stats.FaultInjected();
            await Task.Delay(hang, clock.Time, aborted).ConfigureAwait(false);
        }

        if (errorRoll < errors)
        {
            stats.FaultInjected();
            return new FaultOutcome(kindRoll < 0.5 ? FaultKind.Http500 : FaultKind.CodeFailed, 0, lie, withBom);
        }

        if (malformedRoll < malformed)
        {
            stats.FaultInjected();
            return new FaultOutcome(FaultKind.Malformed, cut, lie, withBom);
        }

        return new FaultOutcome(FaultKind.None, 0, lie, withBom);
    }

    /// <summary>Waits the media latency, then says whether this media download fails (its own Random: Seed+2).</summary>
    public async Task<bool> DrawMediaAsync(CancellationToken aborted)
    {
        double roll;
        TimeSpan latency;
        double errors;
        lock (gate)
        {
            (roll, latency, errors) = (mediaRandom.NextDouble(), mediaLatency, mediaErrorRate);
        }

        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, clock.Time, aborted).ConfigureAwait(false);
        }

        if (roll < errors)
        {
            stats.FaultInjected();
            return true;
        }

        return false;
    }

    /// <summary>Whether a page 2+ request gets a page-1 record changed first: one draw per such request, whatever the rate.</summary>
    public bool DrawPageOneChange()
    {
        lock (gate)
        {
            return pageOneRandom.NextDouble() < pageOneChangeRate;
        }
    }

    private static LyingTotal? Parse(string name) => name switch
    {
        LyingTotals.Huge => LyingTotal.Huge,
        LyingTotals.Negative => LyingTotal.Negative,
        LyingTotals.None => LyingTotal.None,
        _ => null,
    };

    private static string Name(LyingTotal lie) => lie switch
    {
        LyingTotal.Huge => LyingTotals.Huge,
        LyingTotal.Negative => LyingTotals.Negative,
        _ => LyingTotals.None,
    };

    private static bool Invalid(double? value, double max) => value is { } v && (double.IsNaN(v) || v < 0 || v > max);
}
