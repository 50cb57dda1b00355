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
/// An inline scheduler on a <see cref="FakeTimeProvider"/> and fake accounts, for the tests of a changing account set:
/// the clock moves in 10 ms steps from the thread pool, so everything due by a step has run when it returns.
/// </summary>
internal sealed class SchedulerClock : IDisposable
{
    public static readonly DateTimeOffset Origin = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    public static readonly TimeSpan Step = TimeSpan.FromMilliseconds(10);

    private readonly TestMeterFactory meters = new();
    private readonly CancellationTokenSource stop = new();
    private readonly AccountHealth health;

    public SchedulerClock(int maxConcurrentAccounts = 4)
    {
        Metrics = new StreamerMetrics(meters);
        health = new AccountHealth(Time, Metrics);
        Scheduler = new PollScheduler(maxConcurrentAccounts, Time, Metrics, Logger, inline: true, new Random(14));
    }

    public FakeTimeProvider Time { get; } = new(Origin);

    public StreamerMetrics Metrics { get; }

    public RecordingLogger<PollScheduler> Logger { get; } = new();

    public ConcurrencyMeter Slots { get; } = new();

    public PollScheduler Scheduler { get; }

    public FakeScheduledPoll Account(string name, TimeSpan interval) =>
        new(new PollSchedule(name, interval, new PollingOptions { ConfigurationErrorDelay = TimeSpan.FromSeconds(90) }, Time, Metrics, health, NullLogger.Instance), Time, Origin, Slots);

    /// <summary>Starts the scheduler with <paramref name="polls"/>; returns its run.</summary>
    public Task<Task> StartAsync(IReadOnlyList<IScheduledPoll> polls) => Task.Run(() => Task.FromResult(Scheduler.RunAsync(polls, stop.Token)));

    /// <summary>Runs <paramref name="action"/> on the thread pool, where what it completes runs inline.</summary>
    public static Task OnPoolAsync(Action action) => Task.Run(action);

    public Task AdvanceAsync(TimeSpan span) => Task.Run(() =>
    {
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += Step)
        {
            Time.Advance(Step);
        }
    });

    public async Task StopAsync(Task run)
    {
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        stop.Dispose();
        meters.Dispose();
    }
}
