using System.Diagnostics.Metrics;

namespace Streamer.Tests.Polling;

/// <summary>Creates the meters of <see cref="Worker.StreamerMetrics"/> for a test.</summary>
internal sealed class TestMeterFactory : IMeterFactory
{
    private readonly List<Meter> meters = [];

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        lock (meters)
        {
            meters.Add(meter);
        }

        return meter;
    }

    /// <summary>True for a meter this factory created.</summary>
    public bool Created(Meter meter)
    {
        lock (meters)
        {
            return meters.Contains(meter);
        }
    }

    public void Dispose()
    {
        foreach (var meter in meters)
        {
            meter.Dispose();
        }
    }
}
