using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Streamer.Nxlink;

namespace Streamer.Benchmarks.Infrastructure;

/// <summary>
/// Middleware in front of the simulator that adds up the time during which at least one chat-records request
/// is being served. Against the drain's wall time it shows how much of it the worker spent fetching, and so
/// how much fetching and publishing overlap (they cannot overlap at all when the poller does one, then the other).
/// </summary>
public sealed class ApiBusyMeter : IStartupFilter
{
    private readonly Lock gate = new();
    private int inFlight;
    private long busySince;
    private long busyTicks;
    private long firstRequest;

    /// <summary>Time with at least one request in flight so far.</summary>
    public TimeSpan Busy
    {
        get
        {
            lock (gate)
            {
                var open = inFlight > 0 ? Stopwatch.GetTimestamp() - busySince : 0;
                return Stopwatch.GetElapsedTime(0, busyTicks + open);
            }
        }
    }

    /// <summary>
    /// When the first chat-records request since <see cref="WatchFirstRequest"/> arrived (a
    /// <see cref="Stopwatch"/> timestamp), or null: the time a starting worker takes to its first request.
    /// </summary>
    public long? FirstRequest
    {
        get
        {
            lock (gate)
            {
                return firstRequest == 0 ? null : firstRequest;
            }
        }
    }

    /// <summary>Forgets the first request seen so far; call it before starting a worker.</summary>
    public void WatchFirstRequest()
    {
        lock (gate)
        {
            firstRequest = 0;
        }
    }

    /// <inheritdoc />
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (!context.Request.Path.StartsWithSegments(NxlinkHeaders.ChatRecordsPath, StringComparison.Ordinal))
            {
                await nextMiddleware(context);
                return;
            }

            Enter();
            try
            {
                await nextMiddleware(context);
            }
            finally
            {
                Leave();
            }
        });
        next(app);
    };

    private void Enter()
    {
        lock (gate)
        {
            if (inFlight++ == 0)
            {
                busySince = Stopwatch.GetTimestamp();
            }

            if (firstRequest == 0)
            {
                firstRequest = Stopwatch.GetTimestamp();
            }
        }
    }

    private void Leave()
    {
        lock (gate)
        {
            if (--inFlight == 0)
            {
                busyTicks += Stopwatch.GetTimestamp() - busySince;
            }
        }
    }
}
