using Microsoft.Extensions.Options;

namespace Streamer.Worker.Outbox;

/// <summary>
/// Hands committed entries to the relay in memory, so the relay does not read back what was just written.
/// It is bounded: once full it drops everything after (in order) until the relay resets it, and the relay
/// then reads the store instead, which holds every committed entry anyway.
/// </summary>
public sealed class OutboxFeed(IOptions<OutboxOptions> options)
{
    private readonly int capacity = options.Value.FeedCapacity;
    private readonly Lock gate = new();
    private Queue<OutboxEntry> queue = new();
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool overflowed;
    private bool catchUp;
    private long generation;

    /// <summary>Entries of one commit, after it committed, in their order.</summary>
    public void Post(IReadOnlyList<OutboxEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        lock (gate)
        {
            if (!overflowed)
            {
                if (queue.Count + entries.Count > capacity)
                {
                    overflowed = true;
                }
                else
                {
                    foreach (var entry in entries)
                    {
                        queue.Enqueue(entry);
                    }
                }
            }

            signal.TrySetResult();
        }
    }

    /// <summary>
    /// Waits for entries and returns them in order; returns null once everything posted before an overflow
    /// was taken (the relay must then read the store), and when <see cref="Reset"/> was called meanwhile:
    /// a take left waiting by an earlier round must not take what a later round is to get.
    /// </summary>
    public async Task<Queue<OutboxEntry>?> TakeAsync(CancellationToken cancellationToken)
    {
        long started;
        lock (gate)
        {
            started = generation;
        }

        while (true)
        {
            Task wait;
            lock (gate)
            {
                if (generation != started)
                {
                    return null;
                }

                if (queue.Count > 0)
                {
                    var taken = queue;
                    queue = new Queue<OutboxEntry>();
                    return taken;
                }

                if (overflowed || catchUp)
                {
                    return null;
                }

                if (signal.Task.IsCompleted)
                {
                    signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }

                wait = signal.Task;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Whether the relay was asked to read the store (see <see cref="RequestCatchUp"/>) since the last <see cref="Reset"/>.</summary>
    public bool CatchUpRequested
    {
        get
        {
            lock (gate)
            {
                return catchUp;
            }
        }
    }

    /// <summary>
    /// Makes the relay read the store once what is queued was taken, as after an overflow: this instance took accounts
    /// over, and the entries their previous owner committed but did not publish are in the store only.
    /// </summary>
    public void RequestCatchUp()
    {
        lock (gate)
        {
            catchUp = true;
            signal.TrySetResult();
        }
    }

    /// <summary>Forgets what is queued and takes posts again; call before reading the store from the start.</summary>
    public void Reset()
    {
        lock (gate)
        {
            queue.Clear();
            overflowed = false;
            catchUp = false;
            generation++;
            signal.TrySetResult();
        }
    }
}
