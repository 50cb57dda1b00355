namespace Streamer.Benchmarks.Sections;

/// <summary>One timed detector run.</summary>
/// <param name="Records">Records detected.</param>
/// <param name="Events">Events they produced.</param>
/// <param name="PerSecond">Records per second.</param>
/// <param name="BytesPerRecord">Bytes allocated per record.</param>
public sealed record DetectorRun(long Records, long Events, double PerSecond, double BytesPerRecord);
