namespace Streamer.Worker.Hosting;

/// <summary>
/// Completes once the meter provider listens, at once when the worker exports no telemetry. Polling waits for it:
/// a measurement taken before the provider listens is lost. The provider is built in the background
/// (<see cref="TelemetryStarter"/>) while the host opens the state store, so the wait is short or none; it is
/// bounded by <see cref="MaxWait"/>, so a host in which nothing completes it still polls.
/// </summary>
public sealed class TelemetryReady
{
    /// <summary>The longest polling waits for the provider.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeProvider time;

    private TelemetryReady(bool pending, TimeProvider time)
    {
        this.time = time;
        if (!pending)
        {
            ready.SetResult();
        }
    }

    /// <summary>A completed one: no telemetry is exported.</summary>
    public static TelemetryReady None() => new(pending: false, TimeProvider.System);

    /// <summary>One that completes when <see cref="Complete"/> is called.</summary>
    public static TelemetryReady Pending(TimeProvider time) => new(pending: true, time);

    /// <summary>Marks the provider as listening (or given up on: the stream goes on without metrics).</summary>
    public void Complete() => ready.TrySetResult();

    /// <summary>Waits until the provider listens, at most <see cref="MaxWait"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ready.Task.WaitAsync(MaxWait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }
}
