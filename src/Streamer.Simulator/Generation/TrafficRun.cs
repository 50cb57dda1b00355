namespace Streamer.Simulator.Generation;

/// <summary>One live traffic run: its own counters and stop switch, so a new run never mixes with the one it replaces.</summary>
internal sealed class TrafficRun(long target) : IDisposable
{
    private long generated;

    public static TrafficRun Finished { get; } = new(0) { Task = Task.CompletedTask };

    public long Target { get; } = target;

    public long Generated => Interlocked.Read(ref generated);

    public CancellationTokenSource Stop { get; } = new();

    public Task Task { get; set; } = Task.CompletedTask;

    /// <summary>Changes still to make (long.MaxValue when the run has no target).</summary>
    public long Remaining => Target == 0 ? long.MaxValue : Target - Generated;

    public void Add(long count) => Interlocked.Add(ref generated, count);

    public void Dispose() => Stop.Dispose();
}
