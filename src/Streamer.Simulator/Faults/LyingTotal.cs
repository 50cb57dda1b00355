namespace Streamer.Simulator.Faults;

/// <summary>What the <c>total</c> of every page states (the lyingTotal knob).</summary>
internal enum LyingTotal
{
    None,
    Huge,
    Negative,
}
