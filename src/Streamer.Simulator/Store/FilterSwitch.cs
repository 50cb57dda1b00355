using System.Diagnostics;
using Streamer.Nxlink;
using Streamer.Simulator.Control;

namespace Streamer.Simulator.Store;

/// <summary>
/// Switches which timestamp start_time/end_time filter on while the simulator runs: on <c>POST /_sim/filter</c>, or
/// once FilterSwitchAfter after start-up (a timer of the time source). Every switch is logged.
/// </summary>
internal sealed class FilterSwitch(RecordStore store, SimulatorClock clock, ILogger<FilterSwitch> logger) : IDisposable
{
    public const string ByControlCall = "POST /_sim/filter";
    public const string ByTimer = "FilterSwitchAfter";

    private ITimer? timer;

    public FilterStatus Status
    {
        get
        {
            lock (store.Gate)
            {
                return new FilterStatus { FilterOn = store.FilterOn.ToString(), Switches = store.FilterSwitches, SwitchedAt = store.FilterSwitchedAt };
            }
        }
    }

    /// <summary>The field a request names (case-insensitive), or null when it names neither.</summary>
    public static TimestampField? Parse(string? name) =>
        string.Equals(name, nameof(TimestampField.CreatedAt), StringComparison.OrdinalIgnoreCase) ? TimestampField.CreatedAt
        : string.Equals(name, nameof(TimestampField.UpdatedAt), StringComparison.OrdinalIgnoreCase) ? TimestampField.UpdatedAt
        : null;

    /// <summary>Filters on <paramref name="filterOn"/> from now on (nothing happens when it already does).</summary>
    public FilterStatus Switch(TimestampField filterOn, string reason)
    {
        var started = Stopwatch.GetTimestamp();
        if (store.SwitchFilter(filterOn, NxlinkTime.InZone(clock.Now, clock.Zone), out var records))
        {
            Log.FilterSwitched(logger, filterOn, reason, records, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return Status;
    }

    /// <summary>Switches to the other timestamp once, <paramref name="after"/> from now on the time source.</summary>
    public void ScheduleOnce(TimeSpan after)
    {
        Log.FilterSwitchScheduled(logger, after);
        timer = clock.Time.CreateTimer(
            _ => Switch(store.FilterOn == TimestampField.CreatedAt ? TimestampField.UpdatedAt : TimestampField.CreatedAt, ByTimer),
            state: null,
            after,
            Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => timer?.Dispose();
}
