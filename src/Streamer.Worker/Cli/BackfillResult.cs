namespace Streamer.Worker.Cli;

/// <summary>What a backfill published.</summary>
/// <param name="Records">Records read.</param>
/// <param name="Created">ChatMessageCreated events published.</param>
/// <param name="StatusSteps">ChatMessageStatusChanged events published (all inferred).</param>
/// <param name="Unreadable">Records skipped because they cannot be turned into events.</param>
/// <param name="PublishedUpTo">Every record up to this instant (inclusive) was published.</param>
public sealed record BackfillResult(long Records, long Created, long StatusSteps, long Unreadable, DateTimeOffset? PublishedUpTo);
