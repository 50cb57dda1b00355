using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Streamer.IntegrationTests.Cli;

/// <summary>Keeps every formatted log line, to assert on what a part of the worker said.</summary>
public sealed class LinesLogger<T> : ILogger<T>
{
    private readonly ConcurrentQueue<string> lines = new();

    /// <summary>Every line logged so far.</summary>
    public IReadOnlyCollection<string> Lines => lines;

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => true;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        lines.Enqueue($"{logLevel} {eventId.Id}: {formatter(state, exception)}");
}
