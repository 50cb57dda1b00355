using Microsoft.Extensions.Options;
using Streamer.Simulator.Control;

namespace Streamer.Simulator.Generation;

/// <summary>
/// Generates changes in the background at a rate, stamped with the clock's current second, with a burst at the
/// start of a run and every BurstInterval after. One run at a time: a new run stops the previous one and starts
/// when it has ended. One per tenant; its task runs only while a run does.
/// </summary>
internal sealed class LiveTraffic(TrafficGenerator generator, SimulatorClock clock, IOptions<SimulatorOptions> options, ILogger<LiveTraffic> logger, int tenant)
{
    private const int MaxPerTick = 5_000;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(20);

    private readonly TrafficRuns runs = new();

    public bool Running => runs.Running;

    public TrafficStatus Status
    {
        get
        {
            var run = runs.Current;
            return new TrafficStatus { Generated = run.Generated, Target = run.Target, Running = !run.Task.IsCompleted };
        }
    }

    /// <summary>Starts a run of <paramref name="changes"/> changes (0 = until stopped) at <paramref name="rate"/> per second.</summary>
    public void Start(long changes, double rate)
    {
        runs.Start(changes, run => RunAsync(run, rate));
        Log.TrafficStarted(logger, tenant, changes, rate);
    }

    public Task StopAsync() => runs.StopAsync();

    // Never throws: a later run awaits this one.
    private async Task RunAsync(TrafficRun run, double rate)
    {
        var token = run.Stop.Token;
        try
        {
            var started = clock.Time.GetTimestamp();
            var interval = options.Value.BurstInterval;
            var nextBurst = TimeSpan.Zero;
            long byRate = 0;
            while (run.Remaining > 0 && !token.IsCancellationRequested)
            {
                var elapsed = clock.Time.GetElapsedTime(started);
                if (generator.BurstsEnabled && elapsed >= nextBurst)
                {
                    var size = (int)Math.Min(options.Value.BurstSize, run.Remaining);
                    generator.Burst(size);
                    run.Add(size);
                    nextBurst += interval;
                }

                var count = (int)Math.Min(Math.Min((long)(elapsed.TotalSeconds * rate) - byRate, MaxPerTick), run.Remaining);
                if (count > 0)
                {
                    generator.Generate(count);
                    byRate += count;
                    run.Add(count);
                }

                if (run.Remaining > 0)
                {
                    await Task.Delay(Tick, clock.Time, token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped or replaced.
        }
        catch (Exception ex)
        {
            Log.TrafficFailed(logger, ex, tenant);
        }
        finally
        {
            Log.TrafficFinished(logger, tenant, run.Generated);
        }
    }
}
