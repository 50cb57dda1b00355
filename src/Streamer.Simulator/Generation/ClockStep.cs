using Streamer.Simulator.Control;
using Streamer.Simulator.Store;

namespace Streamer.Simulator.Generation;

/// <summary>
/// <c>/_sim/clock</c>: steps the simulator's clock by an offset from its time source, as a server whose clock
/// is corrected by NTP. Records, changes, the ground truth's <c>at</c>, the ts check and the Date header all
/// follow it; live traffic and churn keep their pace, which is measured on the time source.
/// </summary>
internal sealed class ClockStep(RecordStore store, RecordChanger changer, SimulatorClock clock, ILogger<ClockStep> logger)
{
    /// <summary>The widest step accepted either way.</summary>
    public static readonly TimeSpan MaxOffset = TimeSpan.FromDays(30);

    public ClockStatus Status => new() { Offset = clock.Offset, Now = Streamer.Nxlink.NxlinkTime.InZone(clock.Now, clock.Zone) };

    /// <summary>Sets the clock to run <paramref name="offset"/> ahead of its time source (behind when negative).</summary>
    public ClockStatus Set(TimeSpan offset)
    {
        // Under the store's lock, so no change is stamped between the step and the rewind.
        lock (store.Gate)
        {
            clock.Offset = offset;
            changer.Rewind(clock.NowSecond);
        }

        Log.ClockStepped(logger, offset);
        return Status;
    }
}
