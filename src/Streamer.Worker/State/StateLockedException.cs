namespace Streamer.Worker.State;

/// <summary>Another worker holds the state file: two workers on one state would publish everything twice and race.</summary>
public sealed class StateLockedException(string path)
    : Exception($"Another Streamer worker is using the state file {path}. Two workers must not share one state file: stop the other one, or give this one its own State:Path.")
{
}
