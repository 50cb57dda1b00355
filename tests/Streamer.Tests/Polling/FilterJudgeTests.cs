using Streamer.Worker.Configuration;
using Streamer.Worker.Polling;
using Streamer.Worker.State;

namespace Streamer.Tests.Polling;

public sealed class FilterJudgeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly FilterDecision Learning = new(TimeFilter.CreatedAt, FilterBasis.NoEvidence);
    private static readonly FilterDecision OnUpdated = new(TimeFilter.UpdatedAt, FilterBasis.Probed, 5, 0, 0, Now.AddHours(-1));

    [Fact]
    public void Decide_EnoughUpdatedAtVotesNoneAgainst_UpdatedAtWithTheCounts()
    {
        FilterEvidence[] votes = [.. Enumerable.Repeat(FilterEvidence.UpdatedAt, FilterJudge.MinVotes), FilterEvidence.Unclear];

        var decision = FilterJudge.Decide(Learning, votes, Now);

        Assert.Equal(new FilterDecision(TimeFilter.UpdatedAt, FilterBasis.Probed, FilterJudge.MinVotes, 0, 1, Now), decision);
    }

    [Fact]
    public void Decide_TooFewUpdatedAtVotesRestUnclear_Inconclusive()
    {
        FilterEvidence[] votes = [.. Enumerable.Repeat(FilterEvidence.UpdatedAt, FilterJudge.MinVotes - 1), FilterEvidence.Unclear, FilterEvidence.Unclear];

        Assert.Null(FilterJudge.Decide(Learning, votes, Now));
        Assert.Null(FilterJudge.Decide(OnUpdated, votes, Now));
    }

    [Fact]
    public void Decide_MixedAnswers_CreatedAt()
    {
        FilterEvidence[] votes = [FilterEvidence.UpdatedAt, FilterEvidence.UpdatedAt, FilterEvidence.UpdatedAt, FilterEvidence.UpdatedAt, FilterEvidence.CreatedAt];

        var decision = FilterJudge.Decide(Learning, votes, Now);

        Assert.Equal(new FilterDecision(TimeFilter.CreatedAt, FilterBasis.Probed, 4, 1, 0, Now), decision);
    }

    [Fact]
    public void Decide_CreatedAtVoteWhileOnUpdatedAt_DisagreedBackToCreatedAt()
    {
        var decision = FilterJudge.Decide(OnUpdated, [FilterEvidence.CreatedAt, FilterEvidence.Unclear], Now);

        Assert.Equal(new FilterDecision(TimeFilter.CreatedAt, FilterBasis.Disagreed, 0, 1, 1, Now), decision);
    }

    [Fact]
    public void Decide_AllUnclear_Inconclusive()
    {
        Assert.Null(FilterJudge.Decide(Learning, [FilterEvidence.Unclear, FilterEvidence.Unclear, FilterEvidence.Unclear], Now));
    }
}
