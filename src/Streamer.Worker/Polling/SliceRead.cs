using Streamer.Nxlink;

namespace Streamer.Worker.Polling;

/// <summary>The outcome of reading one slice of a window.</summary>
/// <param name="Outcome">Read whole, or over the page budget.</param>
/// <param name="Total">The API's <c>total</c> for the slice on its first page.</param>
/// <param name="Records">
/// Every record read, in read order (newest first), a record as often as it was read; the first page for
/// <see cref="SliceOutcome.TooBig"/>.
/// </param>
/// <param name="Requests">The page requests the read made.</param>
public sealed record SliceRead(SliceOutcome Outcome, int Total, IReadOnlyList<ChatRecord> Records, int Requests);
