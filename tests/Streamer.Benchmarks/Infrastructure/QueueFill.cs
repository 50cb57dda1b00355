using System.Diagnostics;

namespace Streamer.Benchmarks.Infrastructure;

/// <summary>
/// Waits while a child process (a worker, or the cold ceiling) fills the lease's queue: counts it every 50 ms until it
/// holds <c>expected</c> messages, and fails when the child exits short of that or the time runs out.
/// </summary>
public static class QueueFill
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    /// <summary>
    /// Returns the time on <paramref name="watch"/> (started with the child) when the queue was full and when it first held
    /// anything; <paramref name="onCount"/> sees each count as it is taken, with that time.
    /// </summary>
    public static async Task<(TimeSpan Full, TimeSpan First)> WaitAsync(
        VirtualHostLease lease, ChildProcess child, long expected, Stopwatch watch, string purpose, Action<long, TimeSpan>? onCount = null)
    {
        TimeSpan? first = null;
        long count = 0;
        while (count < expected)
        {
            var running = child.IsRunning;
            if (watch.Elapsed > Timeout)
            {
                throw new InvalidOperationException($"({purpose}) the child timed out with {count} of {expected} messages queued:\n{child.Tail()}");
            }

            await Task.Delay(50);
            count = await lease.CountOrZeroAsync();
            var now = watch.Elapsed;
            if (count > 0)
            {
                first ??= now;
            }

            onCount?.Invoke(count, now);

            // Counted once more after it exited, so that an exit just after the last message is not taken for a failure.
            if (!running && count < expected)
            {
                throw new InvalidOperationException($"({purpose}) the child exited with {count} of {expected} messages queued:\n{child.Tail()}");
            }
        }

        return (watch.Elapsed, first!.Value);
    }
}
