namespace Streamer.Worker.Hosting;

/// <summary>
/// A one-shot signal on the start path that is waited for at most a bounded time: work that should come after
/// something (the first API request, the meter provider) but must not hang when that never happens.
/// </summary>
public abstract class StartSignal
{
    private readonly TaskCompletionSource set = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan maxWait;
    private readonly TimeProvider time;

    /// <summary>A signal waited for at most <paramref name="maxWait"/> on <paramref name="time"/>.</summary>
    protected StartSignal(TimeSpan maxWait, TimeProvider time)
    {
        this.maxWait = maxWait;
        this.time = time;
    }

    /// <summary>Whether the signal was set.</summary>
    public bool IsSet => set.Task.IsCompleted;

    /// <summary>Sets the signal; later calls do nothing.</summary>
    public void Set() => set.TrySetResult();

    /// <summary>Completes when the signal is set or the bound has passed, whichever comes first.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await set.Task.WaitAsync(maxWait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }
}
