using Streamer.Worker.Polling;
using Streamer.Worker.Polling.Scheduling;

namespace Streamer.Tests.Polling.Scheduling;

/// <summary>
/// A fake account for the scheduler: its poll records when it started (since <paramref name="origin"/>), counts
/// itself in <paramref name="slots"/>, notes if it ever ran twice at once, and does what <see cref="Behaviour"/> says.
/// </summary>
internal sealed class FakeScheduledPoll(PollSchedule schedule, TimeProvider time, DateTimeOffset origin, ConcurrencyMeter slots) : IScheduledPoll
{
    private readonly List<TimeSpan> starts = [];
    private int running;
    private int overlapped;
    private int cancelled;

    public PollSchedule Schedule => schedule;

    public string Name => schedule.Account;

    /// <summary>The holding's token, read when the account is scheduled.</summary>
    public CancellationToken Held { get; set; }

    /// <summary>What a poll does; instant success unless set.</summary>
    public Func<CancellationToken, Task> Behaviour { get; set; } = _ => Task.CompletedTask;

    public IReadOnlyList<TimeSpan> Starts
    {
        get
        {
            lock (starts)
            {
                return [.. starts];
            }
        }
    }

    /// <summary>The gaps between consecutive starts.</summary>
    public IReadOnlyList<TimeSpan> Gaps => [.. Starts.Zip(Starts.Skip(1), (a, b) => b - a)];

    public bool Overlapped => Volatile.Read(ref overlapped) > 0;

    public int Cancelled => Volatile.Read(ref cancelled);

    public async Task<DateTimeOffset?> PollOnceAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref running) > 1)
        {
            Interlocked.Increment(ref overlapped);
        }

        slots.Enter();
        lock (starts)
        {
            starts.Add(time.GetUtcNow() - origin);
        }

        try
        {
            await Behaviour(cancellationToken).ConfigureAwait(false);
            return time.GetUtcNow();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Interlocked.Increment(ref cancelled);
            throw;
        }
        finally
        {
            slots.Exit();
            Interlocked.Decrement(ref running);
        }
    }
}

/// <summary>How many polls run at once, and the most that ever did.</summary>
internal sealed class ConcurrencyMeter
{
    private int current;
    private int max;

    public int Current => Volatile.Read(ref current);

    public int Max => Volatile.Read(ref max);

    public void Enter()
    {
        var now = Interlocked.Increment(ref current);
        int seen;
        while ((seen = Volatile.Read(ref max)) < now && Interlocked.CompareExchange(ref max, now, seen) != seen)
        {
        }
    }

    public void Exit() => Interlocked.Decrement(ref current);
}
