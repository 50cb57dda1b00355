using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Streamer.Tests.Polling;

/// <summary>Sums the counters of the meters one <see cref="TestMeterFactory"/> created, by instrument name (tests run in parallel).</summary>
internal sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, long> totals = new(StringComparer.Ordinal);

    public CounterRecorder(TestMeterFactory meters)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (meters.Created(instrument.Meter))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            totals.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value);
            foreach (var tag in tags)
            {
                if (tag.Key == "code")
                {
                    totals.AddOrUpdate($"{instrument.Name}|{tag.Value}", value, (_, sum) => sum + value);
                }
            }
        });
        listener.Start();
    }

    /// <summary>The sum of <paramref name="instrument"/>, or of its measurements tagged with <paramref name="code"/>.</summary>
    public long Total(string instrument, string? code = null) => totals.GetValueOrDefault(code is null ? instrument : $"{instrument}|{code}");

    public void Dispose() => listener.Dispose();
}
