using Streamer.Benchmarks.Events;
using Streamer.Benchmarks.Infrastructure;

namespace Streamer.Benchmarks;

/// <summary>The simulator with the backlog (c) drains, and the sample (a), (b) and (d) use.</summary>
/// <param name="Simulator">The simulator.</param>
/// <param name="Changes">Changes in its ground truth.</param>
/// <param name="Records">Records it holds: a fresh worker's snapshot publishes one creation per record.</param>
/// <param name="Sample">Records read through the client and their events.</param>
public sealed record Backlog(BenchSimulator Simulator, long Changes, long Records, EventSample Sample);
