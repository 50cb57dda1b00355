namespace Streamer.Benchmarks.Sections;

/// <summary>One <c>kill -9</c> of the failover section.</summary>
/// <param name="Instance">The instance killed.</param>
/// <param name="Accounts">The accounts it held.</param>
/// <param name="Resumed">From the kill until every one of them was polled again, by another instance.</param>
/// <param name="FirstResumed">From the kill until the first of them was polled again.</param>
/// <param name="TakenOver">From the kill until the last of them was acquired by another instance (lease_history); null when not found.</param>
public sealed record FailoverKill(string Instance, IReadOnlyList<string> Accounts, TimeSpan Resumed, TimeSpan FirstResumed, TimeSpan? TakenOver);
