using Streamer.Benchmarks.Infrastructure;

namespace Streamer.Benchmarks.Live;

/// <summary>
/// Notes when each change first shows in the simulator's ground truth, polling it every 50 ms. The truth's
/// own <c>at</c> is cut to the whole second (the API's timestamps are), which adds up to a second to every
/// latency measured from it; the moment of appearance is within ~50 ms of the real one.
/// </summary>
public sealed class AppearanceWatcher : IAsyncDisposable
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);

    private readonly Dictionary<long, DateTime> seen = [];
    private readonly Lock gate = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private AppearanceWatcher(BenchSimulator simulator, long after) => loop = Task.Run(() => RunAsync(simulator, after));

    /// <summary>Starts watching changes after <paramref name="after"/>.</summary>
    public static AppearanceWatcher Start(BenchSimulator simulator, long after) => new(simulator, after);

    /// <summary>When the change of that seq first showed, if it did.</summary>
    public DateTime? AppearanceOf(long seq)
    {
        lock (gate)
        {
            return seen.TryGetValue(seq, out var at) ? at : null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private async Task RunAsync(BenchSimulator simulator, long after)
    {
        while (!stop.IsCancellationRequested)
        {
            var changes = await simulator.ChangesAsync(after, stop.Token);
            var now = DateTime.UtcNow;
            lock (gate)
            {
                foreach (var change in changes)
                {
                    seen.TryAdd(change.Seq, now);
                    after = Math.Max(after, change.Seq);
                }
            }

            await Task.Delay(Every, stop.Token);
        }
    }
}
