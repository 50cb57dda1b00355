namespace Streamer.Worker.Hosting;

/// <summary>
/// Completes once the meter provider listens, at once when the worker exports no telemetry. Polling waits for it:
/// a measurement taken before the provider listens is lost. The provider is built in the background
/// (<see cref="TelemetryStarter"/>) while the host opens the state store, so the wait is short or none.
/// </summary>
public sealed class TelemetryReady
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TelemetryReady(bool pending)
    {
        if (!pending)
        {
            ready.SetResult();
        }
    }

    /// <summary>A completed one: no telemetry is exported.</summary>
    public static TelemetryReady None() => new(pending: false);

    /// <summary>One that completes when <see cref="Complete"/> is called.</summary>
    public static TelemetryReady Pending() => new(pending: true);

    /// <summary>Marks the provider as listening (or given up on: the stream goes on without metrics).</summary>
    public void Complete() => ready.TrySetResult();

    /// <summary>Waits until the provider listens.</summary>
    public Task WaitAsync(CancellationToken cancellationToken) => ready.Task.WaitAsync(cancellationToken);
}
