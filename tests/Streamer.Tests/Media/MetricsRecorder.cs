using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Streamer.Worker;

namespace Streamer.Tests.Media;

/// <summary>The worker's metrics on meters of their own, with every measurement of them kept.</summary>
public sealed class MetricsRecorder : IMeterFactory
{
    private readonly ConcurrentBag<Meter> meters = [];
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)> measurements = new();
    private readonly MeterListener listener = new();

    public MetricsRecorder()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (meters.Contains(instrument.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Keep(i, value, tags));
        listener.SetMeasurementEventCallback<int>((i, value, tags, _) => Keep(i, value, tags));
        listener.Start();
        Metrics = new StreamerMetrics(this);
    }

    public StreamerMetrics Metrics { get; }

    /// <summary>The sum of <paramref name="instrument"/>'s measurements whose tag <paramref name="tag"/> is <paramref name="value"/>.</summary>
    public long Sum(string instrument, string tag, string value) =>
        measurements.Where(m => m.Instrument == instrument && Equals(m.Tags.GetValueOrDefault(tag), value)).Sum(m => m.Value);

    /// <summary>The current value of an observable gauge.</summary>
    public long Observe(string gauge)
    {
        listener.RecordObservableInstruments();
        return measurements.Last(m => m.Instrument == gauge).Value;
    }

    public Meter Create(MeterOptions options)
    {
        var meter = new Meter(options);
        meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        listener.Dispose();
        foreach (var meter in meters)
        {
            meter.Dispose();
        }
    }

    private void Keep<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        where T : struct, IConvertible =>
        measurements.Enqueue((instrument.Name, value.ToInt64(System.Globalization.CultureInfo.InvariantCulture), new Dictionary<string, object?>(tags.ToArray())));
}
