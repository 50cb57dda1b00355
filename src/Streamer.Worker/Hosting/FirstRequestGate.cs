namespace Streamer.Worker.Hosting;

/// <summary>
/// Set when the worker's first API request was answered (or failed). The work a start needs only later (the
/// health endpoint's Kestrel, the bus and its broker connection) waits for it, at most <see cref="MaxWait"/>, so
/// it does not take the cores from the first poll: on a small machine their JIT compilation competed with the
/// first request's. The meter provider does not wait: what the first poll counts must be counted.
/// </summary>
public sealed class FirstRequestGate(TimeProvider time) : StartSignal(MaxWait, time)
{
    /// <summary>How long a start waits at most for the first request: an instance may have no account to poll yet.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);
}
