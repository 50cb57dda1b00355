using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Streamer.Nxlink;
using Streamer.Worker;
using Streamer.Worker.Configuration;
using Streamer.Worker.Health;
using Streamer.Worker.Polling;

namespace Streamer.Tests.Polling;

public sealed class PollScheduleTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private readonly DelayWatchingTimeProvider time = new(Start);
    private readonly TestMeterFactory meters = new();
    private readonly ConcurrentQueue<DateTimeOffset> attempts = new();
    private readonly AccountHealth health;

    public PollScheduleTests() => health = new AccountHealth(time, new StreamerMetrics(meters));

    public void Dispose() => meters.Dispose();

    [Fact]
    public async Task ExecuteAsync_PollKeepsFailing_RetriedAfterGrowingDelaysCappedAtAMinute()
    {
        var expected = new[] { 2, 4, 8, 16, 32, 60, 60 }.Select(s => TimeSpan.FromSeconds(s)).ToList();

        var delays = await FailAsync(TimeSpan.FromSeconds(1), new InvalidOperationException("broker unreachable"), expected.Count);

        Assert.Equal(expected, delays);
        Assert.Equal(expected, Gaps());
        Assert.Null(health.Of("acme").LastError);
    }

    [Fact]
    public async Task ExecuteAsync_ShortInterval_BackoffStopsGrowingAtSixtyFourIntervals()
    {
        var expected = new[] { 200, 400, 800, 1_600, 3_200, 6_400, 6_400 }.Select(ms => TimeSpan.FromMilliseconds(ms)).ToList();

        var delays = await FailAsync(TimeSpan.FromMilliseconds(100), new InvalidOperationException("broker unreachable"), expected.Count);

        Assert.Equal(expected, delays);
        Assert.Equal(expected, Gaps());
    }

    [Fact]
    public async Task ExecuteAsync_ConfigurationError_WaitsTheConfigurationErrorDelayAndReportsIt()
    {
        var error = new NxlinkConfigurationException("nxlink refused the request: invalid signature (sign mismatch, server said so) (code 1003).", "check the account's AccessSecret.", 1003);

        var delays = await FailAsync(TimeSpan.FromSeconds(1), error, 3);

        Assert.All(delays, d => Assert.Equal(TimeSpan.FromSeconds(90), d));
        Assert.Equal(delays, Gaps());
        Assert.Equal("configuration error: the API refused the signature (code 1003)", health.Of("acme").LastError);
    }

    [Fact]
    public async Task ExecuteAsync_PageTooLarge_RetriedAfterGrowingDelaysAndReportedToReadiness()
    {
        var error = new NxlinkPageTooLargeException(16 * 1024 * 1024, 40_000_000, 200);

        var delays = await FailAsync(TimeSpan.FromSeconds(1), error, 4);

        Assert.Equal(new[] { 2, 4, 8, 16 }.Select(s => TimeSpan.FromSeconds(s)), delays);
        Assert.Equal(error.Message, health.Of("acme").LastError);
    }

    [Fact]
    public async Task ExecuteAsync_PollSucceeds_ReportsTheCursorAndReturns()
    {
        var cursor = Start.AddMinutes(-1);

        await Schedule(TimeSpan.FromSeconds(5)).ExecuteAsync(
            (_, _) =>
            {
                attempts.Enqueue(time.GetUtcNow());
                return Task.FromResult<DateTimeOffset?>(cursor);
            },
            0,
            CancellationToken.None);

        Assert.Single(attempts);
        Assert.Equal(cursor, health.Of("acme").Cursor);
        Assert.Null(health.Of("acme").LastError);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledDuringTheBackoff_EndsWithCancellationAfterNoFurtherAttempt()
    {
        using var stop = new CancellationTokenSource();
        var running = Schedule(TimeSpan.FromSeconds(1)).ExecuteAsync(
            (_, _) =>
            {
                attempts.Enqueue(time.GetUtcNow());
                throw new InvalidOperationException("broker unreachable");
            },
            0,
            stop.Token);
        await time.NextDelayAsync();

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Single(attempts);
    }

    // Runs a poll that always fails with error: advances the clock by each back-off as soon as it started,
    // then cancels; returns the back-offs. The retries end with the cancellation, nothing else.
    private async Task<List<TimeSpan>> FailAsync(TimeSpan interval, Exception error, int retries)
    {
        using var stop = new CancellationTokenSource();
        var running = Schedule(interval).ExecuteAsync(
            (_, _) =>
            {
                attempts.Enqueue(time.GetUtcNow());
                throw error;
            },
            0,
            stop.Token);
        var delays = new List<TimeSpan>();
        for (var i = 0; i < retries; i++)
        {
            var delay = await time.NextDelayAsync();
            delays.Add(delay);
            time.Advance(delay);
        }

        await WaitForAttemptsAsync(retries + 1);
        await time.NextDelayAsync();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(10)));
        return delays;
    }

    private PollSchedule Schedule(TimeSpan interval) => new(
        "acme",
        interval,
        new PollingOptions { ConfigurationErrorDelay = TimeSpan.FromSeconds(90) },
        time,
        new StreamerMetrics(meters),
        health,
        NullLogger.Instance);

    private async Task WaitForAttemptsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (attempts.Count < count)
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    private List<TimeSpan> Gaps()
    {
        var at = attempts.ToList();
        return at.Zip(at.Skip(1), (a, b) => b - a).ToList();
    }
}
