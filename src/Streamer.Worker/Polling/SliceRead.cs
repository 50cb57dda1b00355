using Streamer.Nxlink;

namespace Streamer.Worker.Polling;

/// <summary>The outcome of reading one slice of a window.</summary>
/// <param name="Outcome">Read whole, or over the page budget.</param>
/// <param name="Total">
/// The API's <c>total</c> for the slice on its first page; when it was not believed, the records read instead.
/// </param>
/// <param name="Records">
/// Every record read, in read order (newest first), a record as often as it was read; for
/// <see cref="SliceOutcome.TooBig"/>, the pages read before the slice was found too big.
/// </param>
/// <param name="Requests">The page requests the read made.</param>
/// <param name="TotalKnown">False when the API's <c>total</c> could not be true (negative, or over the hard cap of pages).</param>
public sealed record SliceRead(SliceOutcome Outcome, int Total, IReadOnlyList<ChatRecord> Records, int Requests, bool TotalKnown = true);
