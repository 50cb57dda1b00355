namespace Streamer.Benchmarks;

/// <summary>The sizes of one run. The defaults keep the whole run under ten minutes on two cores.</summary>
public sealed record BenchSettings
{
    /// <summary>Changes of the backlog the stream drains (c); its records also feed (a), (b) and (d).</summary>
    public int BacklogChanges { get; init; } = 300_000;

    /// <summary>Messages published by (a) and (b), after a warm-up.</summary>
    public int PublishMessages { get; init; } = 100_000;

    /// <summary>Publishes awaiting their confirm at once in (a) and (b): the worker's default Rabbit:MaxInFlight.</summary>
    public int InFlight { get; init; } = 2048;

    /// <summary>Distinct records read from the simulator for (a), (b) and (d).</summary>
    public int SampleRecords { get; init; } = 20_000;

    /// <summary>Tracked records of (e), in increasing order.</summary>
    public IReadOnlyList<long> StoreSizes { get; init; } = [1_000_000, 10_000_000];

    /// <summary>Changes per second of the simulator's live traffic in (f) and (g).</summary>
    public double LiveRate { get; init; } = 1_000;

    /// <summary>Live traffic before measuring starts in (f) and (g).</summary>
    public TimeSpan LiveWarmUp { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Live traffic measured in (f) and (g), per filter setting.</summary>
    public TimeSpan LiveMeasure { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>Cold starts of the worker in the start-up section.</summary>
    public int StartupRuns { get; init; } = 5;

    /// <summary>Whether these are the small sizes of --quick.</summary>
    public bool Quick { get; init; }

    /// <summary>The worker's poll interval in (c), (f) and (g).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);
}
