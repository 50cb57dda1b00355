using Microsoft.Extensions.Options;

namespace Streamer.Worker.Outbox;

/// <summary>
/// Pauses polling while the outbox holds <see cref="OutboxOptions.MaxRows"/> or <see cref="OutboxOptions.MaxBytes"/>
/// (the broker is away, or slower than the API), and lets it go on once the relay brought it below 90% of both.
/// </summary>
public sealed class OutboxBackpressure
{
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Stalled = TimeSpan.FromSeconds(2);
    private readonly IOutboxStore store;
    private readonly OutboxOptions settings;
    private readonly TimeProvider time;
    private readonly ILogger<OutboxBackpressure> logger;
    private int waiting;
    private readonly Lock seen = new();
    private long seenDeleted = -1;
    private long seenDeletedAt;

    /// <summary>Creates the check and its gauges.</summary>
    public OutboxBackpressure(IOutboxStore store, IOptions<OutboxOptions> options, TimeProvider time, StreamerMetrics metrics, ILogger<OutboxBackpressure> logger)
    {
        this.store = store;
        settings = options.Value;
        this.time = time;
        this.logger = logger;
        metrics.ObserveOutbox(() => store.Depth.Rows, () => store.Depth.Bytes, () => IsPaused ? 1 : 0);
    }

    /// <summary>True while at least one account waits for room.</summary>
    public bool IsPaused => Volatile.Read(ref waiting) > 0;

    /// <summary>
    /// Returns at once while there is room; otherwise waits until the outbox fell below 90% of its limits.
    /// While the broker keeps taking events, it also waits for the relay when more than
    /// <see cref="OutboxOptions.PaceAbove"/> events wait.
    /// </summary>
    public async ValueTask WaitForRoomAsync(string account, CancellationToken cancellationToken)
    {
        if (Pacing())
        {
            using var timer = new PeriodicTimer(Recheck, time);
            while (Pacing(half: true) && !Over(1.0))
            {
                await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (!Over(1.0))
        {
            return;
        }

        Interlocked.Increment(ref waiting);
        var started = time.GetTimestamp();
        var depth = store.Depth;
        Log.OutboxFull(logger, account, depth.Rows, depth.Bytes, settings.MaxRows, settings.MaxBytes);
        try
        {
            using var timer = new PeriodicTimer(Recheck, time);
            while (Over(0.9))
            {
                await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }

        Log.OutboxRoom(logger, account, time.GetElapsedTime(started));
    }

    // Many events wait and the relay is deleting them (the broker is there): let it catch up.
    private bool Pacing(bool half = false)
    {
        if (store.Depth.Rows <= (half ? settings.PaceAbove / 2 : settings.PaceAbove))
        {
            return false;
        }

        lock (seen)
        {
            var deleted = store.Deleted;
            var now = time.GetTimestamp();
            if (deleted != seenDeleted)
            {
                (seenDeleted, seenDeletedAt) = (deleted, now);
            }

            return deleted > 0 && time.GetElapsedTime(seenDeletedAt, now) < Stalled;
        }
    }

    private bool Over(double share)
    {
        var depth = store.Depth;
        return depth.Rows >= settings.MaxRows * share || depth.Bytes >= settings.MaxBytes * share;
    }
}
