using System.Globalization;
using Streamer.Worker.Configuration;

namespace Streamer.Worker.State;

/// <summary>
/// What the worker takes the API's start_time/end_time to filter on, and the evidence: the outcome of its
/// last probe of records whose created_at and updated_at fall in different seconds.
/// </summary>
/// <param name="FilterOn"><see cref="TimeFilter.CreatedAt"/> or <see cref="TimeFilter.UpdatedAt"/>.</param>
/// <param name="Basis">Why.</param>
/// <param name="UpdatedAtVotes">Records the last probe found only in the one-second window of their updated_at.</param>
/// <param name="CreatedAtVotes">Records it found only in the window of their created_at.</param>
/// <param name="Unclear">Records found in both windows, in neither, or whose probe failed.</param>
/// <param name="DecidedAt">When the last conclusive probe finished; null before any.</param>
public sealed record FilterDecision(
    TimeFilter FilterOn, FilterBasis Basis, int UpdatedAtVotes = 0, int CreatedAtVotes = 0, int Unclear = 0, DateTimeOffset? DecidedAt = null)
{
    /// <summary>The evidence in words, for logs and reports.</summary>
    public string Evidence => Basis == FilterBasis.Configured
        ? "configured"
        : string.Create(CultureInfo.InvariantCulture, $"{UpdatedAtVotes} found at updated_at, {CreatedAtVotes} at created_at, {Unclear} unclear");
}
