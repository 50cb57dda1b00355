namespace Streamer.Simulator.Faults;

/// <summary>The fault drawn for a request; <see cref="CutFraction"/> is where a malformed body is cut.</summary>
internal readonly record struct FaultOutcome(FaultKind Kind, double CutFraction);
