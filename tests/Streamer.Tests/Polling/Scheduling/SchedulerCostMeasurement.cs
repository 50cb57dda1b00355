using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Streamer.Nxlink;
using Streamer.Worker;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;
using Streamer.Worker.Polling;
using Streamer.Worker.Polling.Scheduling;
using Xunit.Abstractions;

namespace Streamer.Tests.Polling.Scheduling;

/// <summary>
/// What the scheduler itself costs: 1,000 accounts whose poll does nothing (or only passes through an API pipeline
/// with the shared rate limits), at a 5 s interval. First its own code: a minute of polls run inline on a fake clock
/// (CPU and bytes per poll, steady). Then on the real clock with the thread pool, for STREAMER_MEASURE_SCHEDULER
/// seconds (60 if set to anything else): the process's CPU time and allocations per minute, beside an idle period of
/// the same process (the test host's own CPU, tiered JIT in the background among others, is noisy: a plain console
/// with the worker's runtime settings measures cleaner). Not run unless the variable is set (it takes minutes):
/// <c>STREAMER_MEASURE_SCHEDULER=60 dotnet test tests/Streamer.Tests -c Release --filter SchedulerCostMeasurement</c>.
/// </summary>
public sealed class SchedulerCostMeasurement(ITestOutputHelper output) : IDisposable
{
    private const int Accounts = 1_000;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly TestMeterFactory meters = new();

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task Measure()
    {
        if (Environment.GetEnvironmentVariable("STREAMER_MEASURE_SCHEDULER") is not { Length: > 0 } setting)
        {
            return;
        }

        var duration = TimeSpan.FromSeconds(int.TryParse(setting, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 ? seconds : 60);
        await InlineAsync();
        await InlineAsync();
        Report("idle process", await SampleAsync(duration / 4, _ => Task.CompletedTask), 0);

        var (noop, polls) = await RunAsync(duration, pipeline: false);
        Report($"{Accounts} accounts, no-op poll", noop, polls);

        var (limited, limitedPolls) = await RunAsync(duration, pipeline: true);
        Report($"{Accounts} accounts, poll = one call through ApiPipeline + shared limits", limited, limitedPolls);
    }

    // A minute of polls with no thread: the scheduler's own work per poll (its bookkeeping, the back-off pipeline,
    // the health report), without the thread pool's hand-offs.
    private async Task InlineAsync()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var metrics = new StreamerMetrics(meters);
        var health = new AccountHealth(time, metrics);
        var options = new PollingOptions { Interval = Interval };
        var polls = Enumerable.Range(0, Accounts).Select(i => new CountingPoll(
            new PollSchedule($"tenant-{i:D4}", Interval, options, time, metrics, health, NullLogger.Instance), null)).ToList();
        var scheduler = new PollScheduler(options.MaxConcurrentAccounts, time, metrics, NullLogger.Instance, inline: true, new Random(1));
        using var stop = new CancellationTokenSource();
        var run = await Task.Run(() => Task.FromResult(scheduler.RunAsync(polls, stop.Token)));
        await Task.Run(() => Advance(time, Interval));
        var before = polls.Sum(p => p.Polls);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        await Task.Run(() => Advance(time, TimeSpan.FromMinutes(1)));
        var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var count = polls.Sum(p => p.Polls) - before;
        await stop.CancelAsync();
        await run;
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"inline on a fake clock, {Accounts} accounts, a minute: {count} polls, CPU {used.TotalMilliseconds:F0} ms ({used.TotalMicroseconds / count:F1} µs/poll), {bytes / (double)count:F0} B/poll"));
    }

    private static void Advance(FakeTimeProvider time, TimeSpan span)
    {
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += TimeSpan.FromMilliseconds(10))
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
        }
    }

    private async Task<(Cost Cost, long Polls)> RunAsync(TimeSpan duration, bool pipeline)
    {
        var metrics = new StreamerMetrics(meters);
        var time = TimeProvider.System;
        var health = new AccountHealth(time, metrics);
        var options = new PollingOptions { Interval = Interval };
        using var limits = new RequestLimits(options);
        var polls = Enumerable.Range(0, Accounts).Select(i => new CountingPoll(
            new PollSchedule($"tenant-{i:D4}", Interval, options, time, metrics, health, NullLogger.Instance),
            pipeline ? ApiPipeline.Build(Account(i), options, limits, time, metrics, NullLogger.Instance) : null)).ToList();
        var scheduler = new PollScheduler(options, time, metrics, NullLogger.Instance);

        // One interval to start every account and reach the steady state, then the measured period.
        using var stop = new CancellationTokenSource();
        var run = scheduler.RunAsync(polls, stop.Token);
        await Task.Delay(Interval + TimeSpan.FromSeconds(1), time);
        var before = polls.Sum(p => p.Polls);
        var cost = await SampleAsync(duration, _ => Task.CompletedTask);
        var count = polls.Sum(p => p.Polls) - before;
        await stop.CancelAsync();
        await run;
        return (cost, count);
    }

    private static async Task<Cost> SampleAsync(TimeSpan duration, Func<CancellationToken, Task> work)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gen0 = GC.CollectionCount(0);
        var started = Stopwatch.GetTimestamp();
        await work(CancellationToken.None);
        await Task.Delay(duration, TimeProvider.System);
        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        var perMinute = TimeSpan.FromMinutes(1) / elapsed;
        return new Cost(
            (process.TotalProcessorTime - cpu) * perMinute,
            (GC.GetTotalAllocatedBytes(precise: true) - allocated) * perMinute,
            (GC.CollectionCount(0) - gen0) * perMinute,
            GC.GetTotalMemory(forceFullCollection: false));
    }

    private void Report(string what, Cost cost, long polls) =>
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: CPU {cost.Cpu.TotalMilliseconds:F0} ms/min ({cost.Cpu / TimeSpan.FromMinutes(1):P2} of one core), allocated {cost.Allocated / 1_048_576:F1} MiB/min, gen0 {cost.Gen0:F1}/min, heap {cost.Heap / 1_048_576.0:F1} MiB, {polls} polls"));

    private static NxlinkAccount Account(int i) =>
        new($"tenant-{i:D4}", new Uri("https://api-hk.nxlink.ai"), "tenant", "app", "access", "secret", TimeZoneInfo.Utc);

    private sealed record Cost(TimeSpan Cpu, double Allocated, double Gen0, long Heap);

    private sealed class CountingPoll(PollSchedule schedule, Polly.ResiliencePipeline? pipeline) : IScheduledPoll
    {
        private long polls;

        public PollSchedule Schedule => schedule;

        public long Polls => Interlocked.Read(ref polls);

        public async Task<DateTimeOffset?> PollOnceAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref polls);
            if (pipeline is not null)
            {
                await pipeline.ExecuteAsync(static _ => ValueTask.CompletedTask, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
    }
}
