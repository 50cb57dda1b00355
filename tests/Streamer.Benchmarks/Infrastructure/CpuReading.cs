namespace Streamer.Benchmarks.Infrastructure;

/// <summary>CPU used during a measurement.</summary>
/// <param name="MachineBusy">Share of all cores busy, 0..1 (anything on the machine).</param>
/// <param name="SelfSeconds">CPU seconds of this process (the publisher in (a)/(b); the simulator in (c)).</param>
/// <param name="BrokerSeconds">CPU seconds of the broker, when it runs on this machine.</param>
/// <param name="WorkerSeconds">CPU seconds of the worker process, in (c).</param>
public sealed record CpuReading(double MachineBusy, double SelfSeconds, double? BrokerSeconds, double? WorkerSeconds)
{
    /// <summary>Microseconds per item of a CPU time (NaN when unknown).</summary>
    public static double PerItem(double? seconds, long items) => seconds is { } s && items > 0 ? s * 1e6 / items : double.NaN;
}
