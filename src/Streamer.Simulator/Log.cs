namespace Streamer.Simulator;

/// <summary>The simulator's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Simulator starting: mode {Mode}, filtering on {FilterOn}, updated_at follows changes {UpdatedAtFollowsChanges}, zone {TimeZone}, seed {Seed}.")]
    public static partial void Starting(ILogger logger, SimulatorMode mode, TimestampField filterOn, bool updatedAtFollowsChanges, string timeZone, int seed);

    [LoggerMessage(2, LogLevel.Information, "Generated {Changes} backlog changes over {Span} in {ElapsedMs} ms; the store has {Records} records.")]
    public static partial void BacklogGenerated(ILogger logger, int changes, TimeSpan span, long elapsedMs, int records);

    [LoggerMessage(3, LogLevel.Information, "Loaded {Count} records from the document's examples.")]
    public static partial void FixturesLoaded(ILogger logger, int count);

    [LoggerMessage(4, LogLevel.Information, "Live traffic of tenant {Tenant} started: {Target} changes (0 = until stopped) at {Rate}/s.")]
    public static partial void TrafficStarted(ILogger logger, int tenant, long target, double rate);

    [LoggerMessage(5, LogLevel.Information, "Live traffic of tenant {Tenant} ended after {Generated} changes.")]
    public static partial void TrafficFinished(ILogger logger, int tenant, long generated);

    [LoggerMessage(6, LogLevel.Error, "Live traffic of tenant {Tenant} failed.")]
    public static partial void TrafficFailed(ILogger logger, Exception exception, int tenant);

    [LoggerMessage(7, LogLevel.Information, "Faults set for {Scope}: errorRate {ErrorRate}, malformedRate {MalformedRate}, latencyMaxMs {LatencyMaxMs}, timeoutRate {TimeoutRate}, timeoutMs {TimeoutMs}.")]
    public static partial void FaultsSet(ILogger logger, string scope, double errorRate, double malformedRate, double latencyMaxMs, double timeoutRate, double timeoutMs);

    [LoggerMessage(8, LogLevel.Information, "Page-one change rate set to {PageOneChangeRate}.")]
    public static partial void PageOneChangeRateSet(ILogger logger, double pageOneChangeRate);

    [LoggerMessage(9, LogLevel.Information, "Churn of tenant {Tenant} started: {Records} records, each changing every {Every} for {Duration}.")]
    public static partial void ChurnStarted(ILogger logger, int tenant, int records, TimeSpan every, TimeSpan duration);

    [LoggerMessage(10, LogLevel.Information, "Churn of tenant {Tenant} ended after {Changes} changes.")]
    public static partial void ChurnFinished(ILogger logger, int tenant, long changes);

    [LoggerMessage(11, LogLevel.Error, "Churn of tenant {Tenant} failed.")]
    public static partial void ChurnFailed(ILogger logger, Exception exception, int tenant);

    [LoggerMessage(12, LogLevel.Information, "Hostile responses set: lyingTotal {LyingTotal}, bom {Bom}.")]
    public static partial void HostileResponsesSet(ILogger logger, string lyingTotal, bool bom);

    [LoggerMessage(13, LogLevel.Information, "Added {Count} hostile records of case {Case} to tenant {Tenant}.")]
    public static partial void HostileRecordsAdded(ILogger logger, int count, string @case, int tenant);

    [LoggerMessage(14, LogLevel.Information, "Clock stepped: it now runs {Offset} ahead of its time source.")]
    public static partial void ClockStepped(ILogger logger, TimeSpan offset);

    [LoggerMessage(15, LogLevel.Warning, "Filter switched: start_time/end_time of {Tenants} now filter on {FilterOn} (by {Reason}); {Records} records re-indexed in {ElapsedMs} ms.")]
    public static partial void FilterSwitched(ILogger logger, string tenants, TimestampField filterOn, string reason, int records, long elapsedMs);

    [LoggerMessage(16, LogLevel.Information, "The filter switches to the other timestamp once, {After} after start-up.")]
    public static partial void FilterSwitchScheduled(ILogger logger, TimeSpan after);

    [LoggerMessage(17, LogLevel.Information, "Serving {Tenants} tenants ({Customers} customers each after tenant 0).")]
    public static partial void TenantsServed(ILogger logger, int tenants, int customers);

    [LoggerMessage(18, LogLevel.Information, "Live traffic of all {Tenants} tenants started: {Target} changes in all (0 = until stopped) at {RatePerTenantPerMinute} per tenant per minute.")]
    public static partial void AllTrafficStarted(ILogger logger, int tenants, long target, double ratePerTenantPerMinute);

    [LoggerMessage(19, LogLevel.Information, "Live traffic of all tenants ended after {Generated} changes.")]
    public static partial void AllTrafficFinished(ILogger logger, long generated);

    [LoggerMessage(20, LogLevel.Error, "Live traffic of all tenants failed.")]
    public static partial void AllTrafficFailed(ILogger logger, Exception exception);
}
