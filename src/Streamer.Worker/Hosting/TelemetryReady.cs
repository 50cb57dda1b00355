namespace Streamer.Worker.Hosting;

/// <summary>
/// Set once the meter provider listens, at once when the worker exports no telemetry. Polling waits for it: a
/// measurement taken before the provider listens is lost. The provider is built in the background
/// (<see cref="TelemetryStarter"/>) while the host opens the state store, so the wait is short or none; it is
/// bounded by <see cref="MaxWait"/>, so a host in which nothing sets it still polls.
/// </summary>
public sealed class TelemetryReady : StartSignal
{
    /// <summary>The longest polling waits for the provider.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private TelemetryReady(TimeProvider time)
        : base(MaxWait, time)
    {
    }

    /// <summary>A set one: no telemetry is exported.</summary>
    public static TelemetryReady None()
    {
        var ready = new TelemetryReady(TimeProvider.System);
        ready.Set();
        return ready;
    }

    /// <summary>One that is set when the provider listens (or was given up on: the stream goes on without metrics).</summary>
    public static TelemetryReady Pending(TimeProvider time) => new(time);
}
