using Microsoft.Extensions.Options;
using Streamer.Simulator.Control;

namespace Streamer.Simulator.Generation;

/// <summary>
/// Generates changes in the background at a rate, stamped with the clock's current second, with a burst at the
/// start of a run and every BurstInterval after. One run at a time: starting a run stops the previous one.
/// </summary>
internal sealed class LiveTraffic(TrafficGenerator generator, SimulatorClock clock, IOptions<SimulatorOptions> options, ILogger<LiveTraffic> logger)
    : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);
    private const int MaxPerTick = 5_000;

    private readonly Lock gate = new();
    private CancellationTokenSource? stop;
    private Task run = Task.CompletedTask;
    private long generated;
    private long target;

    public bool Running => !run.IsCompleted;

    public TrafficStatus Status => new() { Generated = Interlocked.Read(ref generated), Target = Interlocked.Read(ref target), Running = Running };

    /// <summary>Starts a run of <paramref name="changes"/> changes (0 = until stopped) at <paramref name="rate"/> per second.</summary>
    public async Task StartAsync(long changes, double rate)
    {
        await StopAsync().ConfigureAwait(false);
        lock (gate)
        {
            Interlocked.Exchange(ref generated, 0);
            Interlocked.Exchange(ref target, changes);
            stop = new CancellationTokenSource();
            var token = stop.Token;
            run = Task.Run(() => RunAsync(changes, rate, token), CancellationToken.None);
        }

        Log.TrafficStarted(logger, changes, rate);
    }

    public async Task StopAsync()
    {
        Task current;
        lock (gate)
        {
            stop?.Cancel();
            current = run;
        }

        try
        {
            await current.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The run was stopped: expected.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        stop?.Dispose();
    }

    private async Task RunAsync(long changes, double rate, CancellationToken token)
    {
        try
        {
            var started = clock.Time.GetTimestamp();
            var interval = options.Value.BurstInterval;
            var nextBurst = TimeSpan.Zero;
            long byRate = 0;
            while (changes == 0 || generated < changes)
            {
                token.ThrowIfCancellationRequested();
                var elapsed = clock.Time.GetElapsedTime(started);
                var second = clock.NowSecond;
                if (generator.BurstsEnabled && elapsed >= nextBurst)
                {
                    var size = (int)Math.Min(options.Value.BurstSize, Remaining(changes));
                    generator.Burst(second, size);
                    Interlocked.Add(ref generated, size);
                    nextBurst += interval;
                }

                var due = (long)(elapsed.TotalSeconds * rate) - byRate;
                var count = (int)Math.Min(Math.Min(due, MaxPerTick), Remaining(changes));
                if (count > 0)
                {
                    generator.Generate(second, count);
                    byRate += count;
                    Interlocked.Add(ref generated, count);
                }

                if (changes == 0 || generated < changes)
                {
                    await Task.Delay(Tick, clock.Time, token).ConfigureAwait(false);
                }
            }

            Log.TrafficFinished(logger, generated);
        }
        catch (OperationCanceledException)
        {
            Log.TrafficFinished(logger, generated);
        }
        catch (Exception ex)
        {
            Log.TrafficFailed(logger, ex);
        }
    }

    private long Remaining(long changes) => changes == 0 ? long.MaxValue : changes - Interlocked.Read(ref generated);
}
