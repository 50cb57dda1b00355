using Streamer.Benchmarks.Events;
using Streamer.Benchmarks.Infrastructure;
using Streamer.Benchmarks.Reporting;
using Streamer.Simulator;

namespace Streamer.Benchmarks;

/// <summary>What every section shares: the figures, the broker, the settings and the backlog simulator.</summary>
public sealed class BenchContext(Figures figures, BenchBroker broker, BenchSettings settings) : IAsyncDisposable
{
    private Task<Backlog>? backlog;

    /// <summary>The figures measured so far.</summary>
    public Figures Figures { get; } = figures;

    /// <summary>The broker.</summary>
    public BenchBroker Broker { get; } = broker;

    /// <summary>The sizes of this run.</summary>
    public BenchSettings Settings { get; } = settings;

    /// <summary>The simulator holding the backlog, started and filled on first use, and a sample of its records.</summary>
    public Task<Backlog> BacklogAsync() => backlog ??= CreateBacklogAsync();

    /// <summary>Writes a progress line (stderr: stdout is for the figures).</summary>
    public static void Log(string message) => Console.Error.WriteLine($"bench: {message}");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (backlog is { IsCompletedSuccessfully: true })
        {
            await backlog.Result.Simulator.DisposeAsync();
        }
    }

    private async Task<Backlog> CreateBacklogAsync()
    {
        var started = DateTime.UtcNow;
        var simulator = await BenchSimulator.StartAsync(TimestampField.CreatedAt, seed: 42);
        await simulator.BacklogAsync(Settings.BacklogChanges, TimeSpan.FromHours(1));
        var stats = await simulator.StatsAsync();
        var sample = await EventSample.ReadAsync(simulator, Settings.SampleRecords);
        Log($"backlog: {stats.Changes} changes on {stats.Records} records, {sample.Records.Count} sampled, in {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
        return new Backlog(simulator, stats.Changes, stats.Records, sample);
    }
}
