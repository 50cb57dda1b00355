namespace Streamer.Simulator.Faults;

/// <summary>
/// The fault drawn for a request; <see cref="CutFraction"/> is where a malformed body is cut. <see cref="Total"/>
/// and <see cref="Bom"/> are the hostile response knobs as they stood when the request was drawn.
/// </summary>
internal readonly record struct FaultOutcome(FaultKind Kind, double CutFraction, LyingTotal Total, bool Bom);
