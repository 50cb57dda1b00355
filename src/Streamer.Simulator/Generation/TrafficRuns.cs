namespace Streamer.Simulator.Generation;

/// <summary>
/// Traffic runs one at a time: a new run stops the previous one and starts when it has ended, so two runs never
/// generate at once and a run's counters never mix with another's.
/// </summary>
internal sealed class TrafficRuns
{
    private readonly Lock gate = new();
    private TrafficRun current = TrafficRun.Finished;

    public TrafficRun Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    public bool Running => !Current.Task.IsCompleted;

    /// <summary>Starts a run of <paramref name="changes"/> (0 = until stopped); <paramref name="body"/> must not throw.</summary>
    public void Start(long changes, Func<TrafficRun, Task> body)
    {
        var run = new TrafficRun(changes);
        lock (gate)
        {
            var previous = current;
            previous.Stop.Cancel();
            run.Task = Task.Run(
                async () =>
                {
                    await previous.Task.ConfigureAwait(false);
                    await body(run).ConfigureAwait(false);
                },
                CancellationToken.None);
            current = run;
        }
    }

    public async Task StopAsync()
    {
        var run = Current;
        await run.Stop.CancelAsync().ConfigureAwait(false);
        await run.Task.ConfigureAwait(false);
    }
}
