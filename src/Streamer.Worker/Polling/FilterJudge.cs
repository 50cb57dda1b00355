using Streamer.Worker.Configuration;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>
/// Turns one probe round's evidence into a decision. Pure. One record found only at its created_at is
/// enough for created_at (a mixed answer is created_at too: it is the safe one); updated_at needs
/// <see cref="MinVotes"/> records found only at their updated_at and none against.
/// </summary>
public static class FilterJudge
{
    /// <summary>Records that must agree before the API is taken to filter on updated_at.</summary>
    public const int MinVotes = 3;

    /// <summary>The decision after a round with <paramref name="votes"/>; null when the round is inconclusive and <paramref name="current"/> stands.</summary>
    public static FilterDecision? Decide(FilterDecision current, IReadOnlyCollection<FilterEvidence> votes, DateTimeOffset now)
    {
        var updated = votes.Count(v => v == FilterEvidence.UpdatedAt);
        var created = votes.Count(v => v == FilterEvidence.CreatedAt);
        var unclear = votes.Count - updated - created;
        if (created > 0)
        {
            var basis = current.FilterOn == TimeFilter.UpdatedAt ? FilterBasis.Disagreed : FilterBasis.Probed;
            return new FilterDecision(TimeFilter.CreatedAt, basis, updated, created, unclear, now);
        }

        return updated >= MinVotes ? new FilterDecision(TimeFilter.UpdatedAt, FilterBasis.Probed, updated, created, unclear, now) : null;
    }
}
