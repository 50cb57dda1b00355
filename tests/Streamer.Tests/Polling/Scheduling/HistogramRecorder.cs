using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Streamer.Tests.Polling.Scheduling;

/// <summary>Keeps the measurements of the histograms and gauges of the meters one <see cref="TestMeterFactory"/> created, by instrument name.</summary>
internal sealed class HistogramRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> values = new(StringComparer.Ordinal);

    public HistogramRecorder(TestMeterFactory meters)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (meters.Created(instrument.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => Add(instrument.Name, value));
        listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => Add(instrument.Name, value));
        listener.Start();
    }

    /// <summary>Every value recorded by <paramref name="instrument"/>, in order.</summary>
    public IReadOnlyList<double> Values(string instrument) => [.. values.GetValueOrDefault(instrument) ?? new ConcurrentQueue<double>()];

    /// <summary>The current value of the observable gauge <paramref name="instrument"/>.</summary>
    public double Observe(string instrument)
    {
        values.TryRemove(instrument, out _);
        listener.RecordObservableInstruments();
        return Values(instrument).Single();
    }

    public void Dispose() => listener.Dispose();

    private void Add(string instrument, double value) => values.GetOrAdd(instrument, _ => new ConcurrentQueue<double>()).Enqueue(value);
}
