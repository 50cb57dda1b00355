using System.Diagnostics;
using Streamer.Nxlink;
using Streamer.Simulator.Control;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Store;

/// <summary>
/// Switches which timestamp start_time/end_time filter on while the simulator runs: on <c>POST /_sim/filter</c> for one
/// tenant or all, or for all once FilterSwitchAfter after start-up (a timer of the time source). Every switch is logged.
/// </summary>
internal sealed class FilterSwitch(Tenants tenants, SimulatorClock clock, ILogger<FilterSwitch> logger) : IDisposable
{
    public const string ByControlCall = "POST /_sim/filter";
    public const string ByTimer = "FilterSwitchAfter";

    private readonly Lock gate = new();
    private ITimer? timer;
    private int allSwitches;
    private DateTimeOffset? allSwitchedAt;

    /// <summary>The field a request names (case-insensitive), or null when it names neither.</summary>
    public static TimestampField? Parse(string? name) =>
        string.Equals(name, nameof(TimestampField.CreatedAt), StringComparison.OrdinalIgnoreCase) ? TimestampField.CreatedAt
        : string.Equals(name, nameof(TimestampField.UpdatedAt), StringComparison.OrdinalIgnoreCase) ? TimestampField.UpdatedAt
        : null;

    /// <summary>One tenant's filter (an unmade tenant will filter on the default).</summary>
    public FilterStatus Status(int index)
    {
        if (tenants.Peek(index) is not { } tenant)
        {
            return new FilterStatus { FilterOn = tenants.DefaultFilter.ToString() };
        }

        lock (tenant.Store.Gate)
        {
            return new FilterStatus { FilterOn = tenant.Store.FilterOn.ToString(), Switches = tenant.Store.FilterSwitches, SwitchedAt = tenant.Store.FilterSwitchedAt };
        }
    }

    /// <summary>What <c>?tenant=all</c> set: the filter of every tenant switched with it and of every tenant made since.</summary>
    public FilterStatus AllStatus
    {
        get
        {
            lock (gate)
            {
                return new FilterStatus { FilterOn = tenants.DefaultFilter.ToString(), Switches = allSwitches, SwitchedAt = allSwitchedAt };
            }
        }
    }

    /// <summary>One tenant filters on <paramref name="filterOn"/> from now on (nothing happens when it already does).</summary>
    public FilterStatus Switch(int index, TimestampField filterOn, string reason)
    {
        var started = Stopwatch.GetTimestamp();
        if (tenants.Get(index).Store.SwitchFilter(filterOn, Now, out var records))
        {
            Log.FilterSwitched(logger, $"tenant {index}", filterOn, reason, records, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return Status(index);
    }

    /// <summary>Every tenant, and every tenant made from now on, filters on <paramref name="filterOn"/>.</summary>
    public FilterStatus SwitchAll(TimestampField filterOn, string reason)
    {
        var started = Stopwatch.GetTimestamp();
        var now = Now;
        lock (gate)
        {
            var records = 0;
            var switched = tenants.DefaultFilter != filterOn;
            foreach (var tenant in tenants.SetDefaultFilter(filterOn))
            {
                switched |= tenant.Store.SwitchFilter(filterOn, now, out var count);
                records += count;
            }

            if (switched)
            {
                allSwitches++;
                allSwitchedAt = now;
                Log.FilterSwitched(logger, $"all {tenants.Count} tenants", filterOn, reason, records, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return AllStatus;
    }

    /// <summary>Switches every tenant to the other timestamp than the default once, <paramref name="after"/> from now on the time source.</summary>
    public void ScheduleOnce(TimeSpan after)
    {
        Log.FilterSwitchScheduled(logger, after);
        timer = clock.Time.CreateTimer(
            _ => SwitchAll(tenants.DefaultFilter == TimestampField.CreatedAt ? TimestampField.UpdatedAt : TimestampField.CreatedAt, ByTimer),
            state: null,
            after,
            Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => timer?.Dispose();

    private DateTimeOffset Now => NxlinkTime.InZone(clock.Now, clock.Zone);
}
