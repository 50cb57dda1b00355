using Streamer.Worker.Detection;

namespace Streamer.Worker.Polling;

/// <summary>A slice whose events are being published: its commit, the states it will make durable, its event count.</summary>
internal sealed record PendingSlice(Task Commit, IReadOnlyList<RecordSnapshot> Changed, int Events);
