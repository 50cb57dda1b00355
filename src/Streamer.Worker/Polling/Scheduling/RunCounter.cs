namespace Streamer.Worker.Polling.Scheduling;

/// <summary>
/// The <see cref="PollScheduler"/>'s running account runs (a run lasts from a poll's slot through its retries to its
/// success), so that stopping waits for the last to end. Used only under the scheduler's lock.
/// </summary>
internal sealed class RunCounter
{
    private readonly TaskCompletionSource drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int runs;

    /// <summary>Whether the scheduler stopped.</summary>
    public bool Stopped { get; private set; }

    /// <summary>A run started.</summary>
    public void Started() => runs++;

    /// <summary>A run ended.</summary>
    public void Ended()
    {
        runs--;
        if (Stopped && runs == 0)
        {
            drained.TrySetResult();
        }
    }

    /// <summary>Stops: returns when the last run has ended.</summary>
    public Task Stop()
    {
        Stopped = true;
        return runs == 0 ? Task.CompletedTask : drained.Task;
    }
}
