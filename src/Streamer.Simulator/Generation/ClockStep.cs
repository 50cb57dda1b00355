using Streamer.Simulator.Control;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Generation;

/// <summary>
/// <c>/_sim/clock</c>: steps the simulator's clock by an offset from its time source, as a server whose clock
/// is corrected by NTP. Records, changes, the ground truth's <c>at</c>, the ts check and the Date header all
/// follow it; live traffic and churn keep their pace and MinChangeGap its length, measured on the time source.
/// </summary>
internal sealed class ClockStep(Tenants tenants, SimulatorClock clock, ILogger<ClockStep> logger)
{
    /// <summary>The widest step accepted either way.</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromDays(30);

    public ClockStatus Status => new() { Offset = clock.Offset, Now = Streamer.Nxlink.NxlinkTime.InZone(clock.Now, clock.Zone) };

    /// <summary>Sets the clock to run <paramref name="offset"/> ahead of its time source (behind when negative).</summary>
    public ClockStatus Set(TimeSpan offset)
    {
        // Under tenant 0's lock, so none of its changes is stamped between the step and the rewind; the other tenants
        // rewind right after (a change of theirs in between is stamped as before the step).
        var first = tenants.Get(0);
        long forward;
        lock (first.Store.Gate)
        {
            forward = (long)Math.Ceiling((offset - clock.Offset).TotalSeconds);
            clock.Offset = offset;
            first.Changer.Stepped(clock.NowSecond, forward);
        }

        foreach (var tenant in tenants.All().Where(t => !ReferenceEquals(t, first)))
        {
            lock (tenant.Store.Gate)
            {
                tenant.Changer.Stepped(clock.NowSecond, forward);
            }
        }

        Log.ClockStepped(logger, offset);
        return Status;
    }
}
