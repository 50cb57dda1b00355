using Streamer.Nxlink;

namespace Streamer.Worker.Polling;

/// <summary>The outcome of reading one slice of a window.</summary>
/// <param name="TooBig">True when the slice holds more than the page budget and must be cut; nothing was kept.</param>
/// <param name="Total">The API's <c>total</c> for the slice.</param>
/// <param name="Records">Each record of the slice once (the latest observation when seen twice).</param>
public sealed record SliceRead(bool TooBig, int Total, IReadOnlyList<ChatRecord> Records);
