using Streamer.Worker.Detection;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>A slice whose events are being published.</summary>
/// <param name="Commit">Completes once the broker confirmed the slice and the store committed it.</param>
/// <param name="Cursor">The cursor that commit writes.</param>
/// <param name="Changed">The record states the commit makes durable.</param>
/// <param name="Events">How many events the slice publishes.</param>
internal sealed record PendingSlice(Task Commit, AccountCursor Cursor, IReadOnlyList<RecordSnapshot> Changed, int Events);
