using Streamer.Simulator;

namespace Streamer.Benchmarks.Sections;

/// <summary>One live run of (f) and (g).</summary>
/// <param name="Key">The figures' name part.</param>
/// <param name="Filter">FilterOn of the simulator and of the worker.</param>
/// <param name="SafetyLag">Polling:SafetyLag, or null for the worker's default.</param>
/// <param name="Overlap">Polling:Overlap, or null for the worker's default.</param>
/// <param name="WarmUp">Traffic before measuring, when longer than the settings' (the overlap must fill first).</param>
public sealed record LiveCase(string Key, TimestampField Filter, string? SafetyLag, string? Overlap, TimeSpan? WarmUp = null);
