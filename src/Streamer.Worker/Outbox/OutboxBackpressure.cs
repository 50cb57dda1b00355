using Microsoft.Extensions.Options;

namespace Streamer.Worker.Outbox;

/// <summary>
/// Pauses polling while the outbox holds <see cref="OutboxOptions.MaxRows"/> or <see cref="OutboxOptions.MaxBytes"/>
/// (the broker is away, or slower than the API), and lets it go on once the relay brought it below 90% of both.
/// </summary>
public sealed class OutboxBackpressure
{
    private static readonly TimeSpan Recheck = TimeSpan.FromMilliseconds(250);
    private readonly IOutboxStore store;
    private readonly OutboxOptions settings;
    private readonly TimeProvider time;
    private readonly ILogger<OutboxBackpressure> logger;
    private int waiting;

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

    /// <summary>Returns at once while there is room; otherwise waits until the outbox fell below 90% of its limits.</summary>
    public async ValueTask WaitForRoomAsync(string account, CancellationToken cancellationToken)
    {
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

    private bool Over(double share)
    {
        var depth = store.Depth;
        return depth.Rows >= settings.MaxRows * share || depth.Bytes >= settings.MaxBytes * share;
    }
}
