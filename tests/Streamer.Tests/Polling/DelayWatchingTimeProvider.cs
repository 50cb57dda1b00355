using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Streamer.Tests.Polling;

/// <summary>A <see cref="FakeTimeProvider"/> that tells every one-shot delay started on it, so a test advances the clock only once a wait began.</summary>
internal sealed class DelayWatchingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Channel<TimeSpan> delays = Channel.CreateUnbounded<TimeSpan>();

    /// <summary>The next one-shot delay started (a <c>Task.Delay</c>, as Polly waits), in order.</summary>
    public async Task<TimeSpan> NextDelayAsync() => await delays.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (period == Timeout.InfiniteTimeSpan)
        {
            delays.Writer.TryWrite(dueTime);
        }

        return timer;
    }
}
