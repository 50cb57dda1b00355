namespace Streamer.Worker.State;

/// <summary>One poll's window read from its first slice to its last: how long it took and how much it asked.</summary>
/// <param name="Horizon">The poller's short label for the kind of window (snapshot, incremental, a re-scan tier such as 15m or 1d); the state keeps the last pass of each.</param>
/// <param name="FinishedAt">When its last slice was read.</param>
/// <param name="Duration">From the start of its first slice to the end of its last.</param>
/// <param name="Requests">Page requests it made (a retried request counts once).</param>
/// <param name="Records">Records read, a record as often as it was read.</param>
public sealed record PassSummary(string Horizon, DateTimeOffset FinishedAt, TimeSpan Duration, int Requests, int Records);
