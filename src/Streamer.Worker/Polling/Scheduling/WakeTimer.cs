namespace Streamer.Worker.Polling.Scheduling;

/// <summary>
/// The one timer of the <see cref="PollScheduler"/>: armed for the next due time, on a 10 ms grid, so that under load
/// one wake-up starts the polls of several accounts (at most 100 wake-ups a second), each at most that much after its
/// due time. Armed under the scheduler's lock (<paramref name="gate"/>); <paramref name="woken"/> is called outside it.
/// </summary>
internal sealed class WakeTimer(TimeProvider time, Lock gate, Action woken) : IDisposable
{
    private static readonly TimeSpan Quantum = TimeSpan.FromMilliseconds(10);

    private ITimer? timer;
    private object? token;
    private TimeSpan armedFor = TimeSpan.MaxValue;

    /// <summary>Sets the timer for <paramref name="next"/> (rounded up to the grid), or none for <see cref="TimeSpan.MaxValue"/>.</summary>
    public void Arm(TimeSpan next, TimeSpan now)
    {
        var at = next == TimeSpan.MaxValue ? next : TimeSpan.FromTicks((next.Ticks + Quantum.Ticks - 1) / Quantum.Ticks * Quantum.Ticks);
        if (at == armedFor)
        {
            return;
        }

        // A fresh one-shot timer rather than Change: a timer re-armed from its own callback is not kept by every
        // TimeProvider. Whole milliseconds, rounded up: timers have no finer grain, and a zero delay fires at once.
        armedFor = at;
        Dispose();
        if (at != TimeSpan.MaxValue)
        {
            var armed = token = new object();
            timer = time.CreateTimer(
                static s =>
                {
                    var (wake, armed) = ((WakeTimer, object))s!;
                    wake.Fired(armed);
                },
                (this, armed),
                TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling((at - now).TotalMilliseconds))),
                Timeout.InfiniteTimeSpan);
        }
    }

    // The timer fired: it is armed no more (it may fire a little early, with nothing due yet: then it is set again).
    private void Fired(object armed)
    {
        lock (gate)
        {
            if (ReferenceEquals(armed, token))
            {
                armedFor = TimeSpan.MaxValue;
            }
        }

        woken();
    }

    /// <summary>Disarms the timer.</summary>
    public void Dispose()
    {
        timer?.Dispose();
        timer = null;
        token = null;
    }
}
