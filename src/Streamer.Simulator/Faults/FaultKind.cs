namespace Streamer.Simulator.Faults;

/// <summary>What a request gets instead of a normal answer.</summary>
internal enum FaultKind
{
    None,
    Http500,
    CodeFailed,
    Malformed,
}
