using Streamer.Nxlink;

namespace Streamer.Worker.Polling;

/// <summary>A slice of a window that was read and is to be published: <c>[Start, End]</c> inclusive, whole seconds.</summary>
/// <param name="Start">First second of the slice.</param>
/// <param name="End">Last second of the slice.</param>
/// <param name="Records">The records read for it, in read order: a record more than once when it moved while read.</param>
/// <param name="Requests">The page requests reading it took, including reads of it that were cut smaller.</param>
internal sealed record Slice(DateTimeOffset Start, DateTimeOffset End, IReadOnlyList<ChatRecord> Records, int Requests);
