namespace Streamer.Worker.Hosting;

/// <summary>
/// Opens when the worker's first API request was answered (or failed). The work a start needs only later (the
/// health endpoint's Kestrel, the bus and its broker connection) waits for it, at most <see cref="MaxWait"/>, so
/// it does not take the cores from the first poll: on a small machine their JIT compilation competed with the
/// first request's. The meter provider does not wait: what the first poll counts must be counted.
/// </summary>
public sealed class FirstRequestGate
{
    /// <summary>How long a start waits at most for the first request: an instance may have no account to poll yet.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);

    private readonly TaskCompletionSource opened = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Whether the first request was answered.</summary>
    public bool IsOpen => opened.Task.IsCompleted;

    /// <summary>Opens the gate; later calls do nothing.</summary>
    public void Open() => opened.TrySetResult();

    /// <summary>Completes when the gate opens or <see cref="MaxWait"/> has passed, whichever comes first.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled first.</exception>
    public async Task WaitAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        try
        {
            await opened.Task.WaitAsync(MaxWait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
    }
}
