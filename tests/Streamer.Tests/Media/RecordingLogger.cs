using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Streamer.Tests.Media;

/// <summary>Keeps each log entry's event id and structured values.</summary>
public sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<(int EventId, IReadOnlyList<KeyValuePair<string, object?>> Values)> entries = new();

    /// <summary>The value named <paramref name="key"/> of every entry with <paramref name="eventId"/>, in order.</summary>
    public IReadOnlyList<TValue> Values<TValue>(int eventId, string key) =>
        [.. entries.Where(e => e.EventId == eventId).Select(e => (TValue)e.Values.Single(v => v.Key == key).Value!)];

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        entries.Enqueue((eventId.Id, state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
}
