using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Streamer.Tests.Media;
using Streamer.Worker;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;
using Streamer.Worker.Polling;
using Streamer.Worker.Polling.Scheduling;

namespace Streamer.Tests.Polling.Scheduling;

/// <summary>
/// The scheduler with fake accounts on a <see cref="FakeTimeProvider"/>. It runs polls inline, so each step of the
/// clock runs everything due by then before it returns: the clock is driven from the thread pool, where (unlike on
/// xunit's synchronization context) the continuations of what a step completes run inline. The clock moves in 10 ms
/// steps.
/// </summary>
public sealed class PollSchedulerTests : IDisposable
{
    private const string Lag = "streamer.poll.schedule.lag";

    private static readonly DateTimeOffset Origin = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider time = new(Origin);
    private readonly TestMeterFactory meters = new();
    private readonly HistogramRecorder recorder;
    private readonly StreamerMetrics metrics;
    private readonly AccountHealth health;
    private readonly RecordingLogger<PollScheduler> logger = new();
    private readonly ConcurrencyMeter slots = new();
    private readonly CancellationTokenSource stop = new();

    public PollSchedulerTests()
    {
        recorder = new HistogramRecorder(meters);
        metrics = new StreamerMetrics(meters);
        health = new AccountHealth(time, metrics);
    }

    public void Dispose()
    {
        stop.Dispose();
        recorder.Dispose();
        meters.Dispose();
    }

    [Fact]
    public async Task RunAsync_TenAccounts_FirstPollsSpreadOverTheIntervalThenEachEveryInterval()
    {
        var polls = Accounts(10, Second);
        var run = await StartAsync(Scheduler(64), polls);

        await AdvanceAsync(TimeSpan.FromSeconds(3.5));

        // The k-th in hash order at k tenths of the interval, jittered by up to half a tenth; the first at once.
        var first = polls.Select(p => p.Starts[0]).Order().ToList();
        Assert.Equal(TimeSpan.Zero, first[0]);
        for (var k = 1; k < first.Count; k++)
        {
            Assert.InRange(first[k], Second * k / 10, (Second * k / 10) + (Second / 20) + Step);
        }

        Assert.All(polls, p => Assert.InRange(p.Starts.Count, 3, 4));
        Assert.All(polls, p => Assert.All(p.Gaps, g => Assert.InRange(g, Second - Step, Second + Step)));
        Assert.All(recorder.Values(Lag), lag => Assert.InRange(lag, 0, Step.TotalSeconds));
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_PollGivenItsSlotALittleEarly_NextPollStillAnIntervalLater()
    {
        // Alone in their intervals, both start at once; later the second is due half a millisecond after the first
        // and is given its slot with it, a little early: that must not make it due again half a millisecond later.
        var first = Account("first", Second);
        var second = Account("second", Second + TimeSpan.FromTicks(5_000));
        var run = await StartAsync(Scheduler(4), [first, second]);

        await AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(9, second.Gaps.Count);
        Assert.All(second.Gaps, g => Assert.InRange(g, Second - Step, Second + Step));
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_TimersFireALittleEarly_EveryAccountStillPolledEveryInterval()
    {
        // Real timers run on a coarse tick count and may fire a few milliseconds before the instant they were set
        // for, when nothing is due yet: the scheduler must set its timer again, not wait for one that has fired.
        var early = new EarlyTimers(Origin);
        var polls = Enumerable.Range(0, 10).Select(i => new FakeScheduledPoll(Schedule($"account-{i}", Second), early, Origin, slots)).ToList();
        var run = await StartAsync(new PollScheduler(4, early, metrics, logger, inline: true, new Random(14)), polls);

        await Task.Run(() =>
        {
            for (var i = 0; i < 1_000; i++)
            {
                early.Advance(Step);
            }
        });

        Assert.All(polls, p => Assert.InRange(p.Starts.Count, 10, 11));
        Assert.All(polls, p => Assert.All(p.Gaps, g => Assert.InRange(g, Second - Step, Second + Step)));
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_PollsNeedMoreSlotsThanAllowed_NeverMoreThanTheLimitAtOnceNorAnAccountTwice()
    {
        // 20 polls of 300 ms a second need 6 slots; there are 4.
        var polls = Accounts(20, Second, p => p.Behaviour = ct => Task.Delay(TimeSpan.FromMilliseconds(300), time, ct));
        var run = await StartAsync(Scheduler(4), polls);

        await AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(4, slots.Max);
        Assert.All(polls, p => Assert.False(p.Overlapped));
        var counts = polls.Select(p => p.Starts.Count).ToList();
        Assert.True(counts.Min() >= 5, $"polls per account: {string.Join(", ", counts)}");
        Assert.True(counts.Max() - counts.Min() <= 1, $"polls per account: {string.Join(", ", counts)}");
        Assert.Contains(recorder.Values(Lag), lag => lag > 0.1);
        Assert.Equal(4, recorder.Observe("streamer.poll.accounts.running"));
        Assert.True(recorder.Observe("streamer.poll.accounts.due") > 0);
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_AccountFailing_BacksOffHoldingNoSlotAndTheOthersKeepTheirInterval()
    {
        // One slot: were it held through the back-off, the others would wait for it.
        var failing = Account("failing", Second);
        failing.Behaviour = _ => Task.FromException(new InvalidOperationException("broker unreachable"));
        var others = Accounts(3, Second);
        var run = await StartAsync(Scheduler(1), [failing, .. others]);

        await AdvanceAsync(TimeSpan.FromSeconds(40));

        Assert.Equal(new[] { 2, 4, 8, 16 }.Select(s => TimeSpan.FromSeconds(s)), failing.Gaps.Select(Round));
        Assert.All(others, p => Assert.All(p.Gaps, g => Assert.InRange(g, Second - Step, Second + Step)));
        Assert.All(others, p => Assert.InRange(p.Starts.Count, 39, 41));
        Assert.Equal(1, recorder.Observe("streamer.poll.accounts.backing_off"));
        Assert.Equal(0, recorder.Observe("streamer.poll.accounts.running"));
        Assert.Equal(1, slots.Max);
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_OneAccountSlowerThanItsInterval_PolledAgainAsItEndsAndTheOthersKeepTheirInterval()
    {
        var slow = Account("slow", Second);
        slow.Behaviour = ct => Task.Delay(TimeSpan.FromSeconds(3.5), time, ct);
        var others = Accounts(9, Second);
        var run = await StartAsync(Scheduler(4), [slow, .. others]);

        await AdvanceAsync(TimeSpan.FromSeconds(20));

        Assert.All(slow.Gaps, g => Assert.InRange(g, TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(3.5) + Step));
        Assert.False(slow.Overlapped);
        Assert.All(others, p => Assert.All(p.Gaps, g => Assert.InRange(g, Second - Step, Second + Step)));
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_BusyAccountsOutnumberTheSlots_QuickAccountsStillPolledEveryInterval()
    {
        // 4 slots, 3 of them for slow polls at most: 5 accounts whose polls take 10 s never hold the last one,
        // once each has shown it is slow (their first polls may take every slot: nothing tells them apart yet).
        var busy = Accounts(5, Second, p => p.Behaviour = ct => Task.Delay(TimeSpan.FromSeconds(10), time, ct), "busy-");
        var quick = Accounts(8, Second, prefix: "quick-");
        var run = await StartAsync(Scheduler(4), [.. busy, .. quick]);

        await AdvanceAsync(TimeSpan.FromSeconds(80));

        var settled = TimeSpan.FromSeconds(25);
        Assert.All(quick, p =>
        {
            var later = p.Starts.Where(s => s >= settled).ToList();
            Assert.InRange(later.Count, 54, 56);
            Assert.All(later.Zip(later.Skip(1), (a, b) => b - a), g => Assert.InRange(g, Second - Step, Second + Step));
        });
        Assert.All(busy, p => Assert.InRange(p.Starts.Count, 3, 8));
        Assert.True(slots.Max <= 4);
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_TooFewSlots_WarnsOnceThatPollsStartLateThenThatTheyCaughtUp()
    {
        // One slot and three accounts whose polls take 2 s, at a 1 s interval: polls fall behind.
        var polls = Accounts(3, Second, p => p.Behaviour = ct => Task.Delay(TimeSpan.FromSeconds(2), time, ct));
        var run = await StartAsync(Scheduler(1), polls);
        await AdvanceAsync(TimeSpan.FromSeconds(20));
        Assert.Single(logger.Values<TimeSpan>(141, "Lag"));
        Assert.Empty(logger.Values<TimeSpan>(142, "Behind"));

        foreach (var poll in polls)
        {
            poll.Behaviour = _ => Task.CompletedTask;
        }

        await AdvanceAsync(TimeSpan.FromSeconds(10));

        Assert.Single(logger.Values<TimeSpan>(141, "Lag"));
        Assert.Single(logger.Values<TimeSpan>(142, "Behind"));
        Assert.All(polls, p => Assert.All(p.Gaps.TakeLast(5), g => Assert.InRange(g, Second - Step, Second + Step)));
        await StopAsync(run);
    }

    [Fact]
    public async Task RunAsync_Cancelled_StopsRunningPollsAndBackoffsQuietlyAndStartsNothingMore()
    {
        var hanging = Account("hanging", Second);
        hanging.Behaviour = ct => Task.Delay(TimeSpan.FromHours(1), time, ct);
        var failing = Account("failing", Second);
        failing.Behaviour = _ => Task.FromException(new InvalidOperationException("broker unreachable"));
        var others = Accounts(3, Second);
        List<FakeScheduledPoll> polls = [hanging, failing, .. others];
        var run = await StartAsync(Scheduler(4), polls);
        await AdvanceAsync(TimeSpan.FromSeconds(3));

        await StopAsync(run);
        var started = polls.Sum(p => p.Starts.Count);
        await AdvanceAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(1, hanging.Cancelled);
        Assert.Equal(started, polls.Sum(p => p.Starts.Count));
        Assert.Empty(logger.Values<string>(143, "Account"));
        Assert.Equal(0, slots.Current);
    }

    [Fact]
    public async Task RunAsync_RealClock_EveryAccountPolledAboutEveryIntervalWithinTheLimit()
    {
        // The production path (polls on the thread pool, a real timer), loosely: the machine may be busy.
        var polls = Enumerable.Range(0, 20).Select(i => new FakeScheduledPoll(Schedule($"real-{i}", TimeSpan.FromMilliseconds(100)), TimeProvider.System, Origin, slots)).ToList();
        foreach (var poll in polls)
        {
            poll.Behaviour = ct => Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System, ct);
        }

        var scheduler = new PollScheduler(new PollingOptions { MaxConcurrentAccounts = 3 }, TimeProvider.System, metrics, logger);
        var started = TimeProvider.System.GetTimestamp();
        var run = scheduler.RunAsync(polls, stop.Token);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (polls.Any(p => p.Starts.Count < 5))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, timeout.Token);
        }

        await StopAsync(run);
        var elapsed = TimeProvider.System.GetElapsedTime(started);

        // At most one poll a tick, plus one at once after a poll that ran past a tick (the machine may stall).
        var most = (int)(1.5 * elapsed / TimeSpan.FromMilliseconds(100)) + 3;
        Assert.All(polls, p => Assert.InRange(p.Starts.Count, 5, most));
        Assert.All(polls, p => Assert.False(p.Overlapped));
        Assert.InRange(slots.Max, 1, 3);
        Assert.Equal(0, slots.Current);
    }

    /// <summary>Timers that fire 6 ms before their time, more than the scheduler's tolerance (a delay of 7 ms or less after 1 ms).</summary>
    private sealed class EarlyTimers(DateTimeOffset start) : FakeTimeProvider(start)
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            base.CreateTimer(callback, state, dueTime > TimeSpan.FromMilliseconds(7) ? dueTime - TimeSpan.FromMilliseconds(6) : TimeSpan.FromMilliseconds(1), period);
    }

    private static TimeSpan Round(TimeSpan span) => TimeSpan.FromSeconds(Math.Round(span.TotalSeconds));

    private List<FakeScheduledPoll> Accounts(int count, TimeSpan interval, Action<FakeScheduledPoll>? setUp = null, string prefix = "account-")
    {
        var polls = Enumerable.Range(0, count).Select(i => Account($"{prefix}{i}", interval)).ToList();
        polls.ForEach(p => setUp?.Invoke(p));
        return polls;
    }

    private FakeScheduledPoll Account(string name, TimeSpan interval) => new(Schedule(name, interval), time, Origin, slots);

    private PollSchedule Schedule(string name, TimeSpan interval) =>
        new(name, interval, new PollingOptions { ConfigurationErrorDelay = TimeSpan.FromSeconds(90) }, time, metrics, health, NullLogger.Instance);

    private PollScheduler Scheduler(int maxConcurrentAccounts) => new(maxConcurrentAccounts, time, metrics, logger, inline: true, new Random(14));

    // Starts the scheduler (its first dispatch runs the polls due at once) and returns its run.
    private Task<Task> StartAsync(PollScheduler scheduler, IReadOnlyList<FakeScheduledPoll> polls) =>
        Task.Run(() => Task.FromResult(scheduler.RunAsync(polls, stop.Token)));

    private Task AdvanceAsync(TimeSpan span) => Task.Run(() =>
    {
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += Step)
        {
            time.Advance(Step);
        }
    });

    private async Task StopAsync(Task run)
    {
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
