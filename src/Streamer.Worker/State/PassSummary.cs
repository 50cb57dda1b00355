namespace Streamer.Worker.State;

/// <summary>A finished pass over a poll's window.</summary>
/// <param name="Horizon">What the pass covered: <c>snapshot</c>, <c>incremental</c> or the widest re-scan tier due (<c>15m</c>, <c>1d</c>).</param>
/// <param name="FinishedAt">When its last slice was read.</param>
/// <param name="Duration">From its first request to its last slice read.</param>
/// <param name="Requests">Page requests it made.</param>
/// <param name="Records">Records it read, a record as often as it was read.</param>
public sealed record PassSummary(string Horizon, DateTimeOffset FinishedAt, TimeSpan Duration, int Requests, int Records);
