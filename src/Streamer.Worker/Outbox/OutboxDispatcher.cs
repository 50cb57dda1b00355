using System.Collections.Concurrent;
using System.Diagnostics;
using Streamer.Worker.Publishing;
using Streamer.Worker.Telemetry;

namespace Streamer.Worker.Outbox;

/// <summary>
/// Publishes entries with many in flight, the entries of one order key (a record) one after the other in the
/// order given, and collects those the broker confirmed. The first failure cancels everything in flight:
/// what follows it for the same record must not overtake it, and the relay starts again from the store.
/// </summary>
internal sealed class OutboxDispatcher : IAsyncDisposable
{
    private const int PruneTailsAbove = 16_384;
    private readonly IEventPublisher publisher;
    private readonly SemaphoreSlim slots;
    private readonly CancellationTokenSource stop;
    private readonly Dictionary<string, Task> tails = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<OutboxEntry> confirmed = new();
    private readonly TaskCompletionSource failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool confirmedAny;

    public OutboxDispatcher(IEventPublisher publisher, int maxInFlight, CancellationToken cancellationToken)
    {
        this.publisher = publisher;
        slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    /// <summary>Faults with the first publish failure.</summary>
    public Task Failed => failed.Task;

    /// <summary>Cancelled at the first failure and when the dispatcher is disposed.</summary>
    public CancellationToken Stopping => stop.Token;

    /// <summary>True once the broker confirmed anything this dispatcher published.</summary>
    public bool ConfirmedAny => Volatile.Read(ref confirmedAny);

    /// <summary>Starts publishing <paramref name="entry"/> once a slot is free and its key's previous entry is confirmed.</summary>
    public async ValueTask DispatchAsync(OutboxEntry entry)
    {
        await slots.WaitAsync(stop.Token).ConfigureAwait(false);
        lock (tails)
        {
            tails.TryGetValue(entry.OrderKey, out var previous);
            tails[entry.OrderKey] = PublishAsync(previous is { IsCompletedSuccessfully: true } ? null : previous, entry);
            if (tails.Count > PruneTailsAbove)
            {
                foreach (var done in tails.Where(t => t.Value.IsCompletedSuccessfully).Select(t => t.Key).ToList())
                {
                    tails.Remove(done);
                }
            }
        }
    }

    /// <summary>Moves the confirmed entries into <paramref name="into"/>.</summary>
    public void TakeConfirmed(List<OutboxEntry> into)
    {
        while (confirmed.TryDequeue(out var entry))
        {
            into.Add(entry);
        }
    }

    /// <summary>Waits until nothing is in flight; throws the first failure, if any.</summary>
    public async Task DrainAsync()
    {
        Task[] all;
        lock (tails)
        {
            all = [.. tails.Values];
        }

        try
        {
            await Task.WhenAll(all).ConfigureAwait(false);
        }
        catch when (failed.Task.IsFaulted)
        {
        }

        if (failed.Task.IsFaulted)
        {
            await failed.Task.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        Task[] all;
        lock (tails)
        {
            all = [.. tails.Values];
        }

        await Task.WhenAll(all).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        stop.Dispose();
        slots.Dispose();
    }

    // Within a publish span that continues the trace of the detection that produced the entry; the publisher
    // hands the span's context on in the message headers.
    private async Task PublishTracedAsync(OutboxEntry entry)
    {
        using var activity = StreamerActivities.StartPublish(entry.Account, entry.Type, entry.TraceParent, entry.TraceState);
        try
        {
            await publisher.PublishOneAsync(OutboxCodec.Decode(entry), stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            throw;
        }
    }

    private async Task PublishAsync(Task? previous, OutboxEntry entry)
    {
        try
        {
            if (previous is not null)
            {
                await previous.ConfigureAwait(false);
            }

            await PublishTracedAsync(entry).ConfigureAwait(false);
            confirmed.Enqueue(entry);
            Volatile.Write(ref confirmedAny, true);
        }
        catch (Exception ex)
        {
            if (failed.TrySetException(ex))
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }

            throw;
        }
        finally
        {
            slots.Release();
        }
    }
}
