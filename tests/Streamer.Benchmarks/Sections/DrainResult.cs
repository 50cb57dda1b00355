namespace Streamer.Benchmarks.Sections;

/// <summary>One drain of the backlog by a worker process (see <see cref="StreamDrain"/>).</summary>
/// <param name="Events">Events expected and queued.</param>
/// <param name="Elapsed">From the process start until the queue held them all.</param>
/// <param name="First">From the process start until the first event was queued.</param>
/// <param name="WorkerCpuSeconds">CPU time of the worker process (user + system), start-up included.</param>
/// <param name="MachineBusy">Share of the machine's cores busy during the drain.</param>
/// <param name="Duplicates">Events queued beyond the expected ones, one second after the last expected arrived.</param>
public sealed record DrainResult(long Events, TimeSpan Elapsed, TimeSpan First, double? WorkerCpuSeconds, double MachineBusy, long Duplicates)
{
    /// <summary>Events per second from the process start (start-up included).</summary>
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    /// <summary>Events per second from the first event queued: the drain without process, bus and lease start-up.</summary>
    public double DrainEventsPerSecond => Events / (Elapsed - First).TotalSeconds;
}
