using Streamer.Nxlink;

namespace Streamer.Worker.Polling;

/// <summary>The outcome of reading one slice of a window.</summary>
/// <param name="Outcome">Read whole, over the page budget, or still drifting after the re-reads.</param>
/// <param name="Total">The API's <c>total</c> for the slice (of its last read when it drifted).</param>
/// <param name="Records">
/// Every record read, in read order: each record of the slice once for a clean first read; with what the
/// drifted reads before showed (a record as often as it was read) otherwise; the first page for
/// <see cref="SliceOutcome.TooBig"/>.
/// </param>
public sealed record SliceRead(SliceOutcome Outcome, int Total, IReadOnlyList<ChatRecord> Records);
