using Streamer.Simulator.Control;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Generation;

/// <summary>
/// Live traffic for every tenant from ONE loop (no task or timer per tenant): every tick it makes the changes that
/// are due at the total rate (the rate per tenant times the tenants), one to each tenant in turn, so each tenant
/// gets one change every 1/rate minutes, the tenants' turns spread evenly over that period. Tenants are made as
/// their first change comes. No bursts. One run at a time: a new run stops the previous one.
/// </summary>
internal sealed class AllTenantTraffic(Tenants tenants, SimulatorClock clock, ILogger<AllTenantTraffic> logger)
{
    private const int MaxPerTick = 100_000;
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(50);

    private readonly TrafficRuns runs = new();
    private double currentRate;
    private int next;

    public bool Running => runs.Running;

    public TrafficStatus Status
    {
        get
        {
            var run = runs.Current;
            return new TrafficStatus { Generated = run.Generated, Target = run.Target, Running = !run.Task.IsCompleted, RatePerTenantPerMinute = Volatile.Read(ref currentRate) };
        }
    }

    /// <summary>Starts a run of <paramref name="changes"/> changes in all (0 = until stopped) at <paramref name="ratePerTenantPerMinute"/>.</summary>
    public void Start(long changes, double ratePerTenantPerMinute)
    {
        Volatile.Write(ref currentRate, ratePerTenantPerMinute);
        runs.Start(changes, run => RunAsync(run, ratePerTenantPerMinute));
        Log.AllTrafficStarted(logger, tenants.Count, changes, ratePerTenantPerMinute);
    }

    public Task StopAsync() => runs.StopAsync();

    // Never throws: a later run awaits this one. Only the current run moves the turn (next), so runs continue it.
    private async Task RunAsync(TrafficRun run, double ratePerTenantPerMinute)
    {
        var token = run.Stop.Token;
        var perSecond = ratePerTenantPerMinute * tenants.Count / 60;
        try
        {
            using var timer = new PeriodicTimer(Tick, clock.Time);
            var started = clock.Time.GetTimestamp();
            long byRate = 0;
            while (run.Remaining > 0)
            {
                var due = (long)(clock.Time.GetElapsedTime(started).TotalSeconds * perSecond) - byRate;
                var count = Math.Min(Math.Min(due, MaxPerTick), run.Remaining);
                for (var k = 0; k < count && !token.IsCancellationRequested; k++)
                {
                    tenants.Get(next).Generator.Generate(1);
                    next = (next + 1) % tenants.Count;
                    byRate++;
                    run.Add(1);
                }

                if (run.Remaining > 0)
                {
                    await timer.WaitForNextTickAsync(token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped or replaced.
        }
        catch (Exception ex)
        {
            Log.AllTrafficFailed(logger, ex);
        }
        finally
        {
            Log.AllTrafficFinished(logger, run.Generated);
        }
    }
}
