using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>
/// One account's knowledge of which timestamp its API filters on. Configured, it is fixed. Under
/// <see cref="TimeFilter.Auto"/> it starts at created_at and learns: records read whose created_at and
/// updated_at fall in different seconds become candidates, and a probe round (the settled ones, up to
/// <see cref="ProbesPerRound"/>) is judged by <see cref="FilterJudge"/>. An inconclusive round is tried
/// again after a minute (or <c>Polling:FilterProbeEvery</c> if shorter), a conclusive one is verified again
/// after <c>Polling:FilterProbeEvery</c>.
/// </summary>
internal sealed class FilterSense
{
    /// <summary>Candidates probed per round.</summary>
    public const int ProbesPerRound = 5;

    private const int MaxCandidates = 16;
    private static readonly TimeSpan RetryEvery = TimeSpan.FromMinutes(1);

    private readonly NxlinkAccount account;
    private readonly PollingOptions options;
    private readonly FilterProbe probe;
    private readonly FilterBoard board;
    private readonly ILogger logger;
    private readonly List<FilterCandidate> candidates = [];
    private DateTimeOffset? nextRound;

    /// <summary>Starts from the configured filter, or from created_at without evidence when learning.</summary>
    public FilterSense(NxlinkAccount account, PollingOptions options, FilterProbe probe, FilterBoard board, ILogger logger)
    {
        this.account = account;
        this.options = options;
        this.probe = probe;
        this.board = board;
        this.logger = logger;
        Decision = Learning
            ? new FilterDecision(TimeFilter.CreatedAt, FilterBasis.NoEvidence)
            : new FilterDecision(options.FilterOn, FilterBasis.Configured);
        board.Set(account.Name, Decision);
    }

    /// <summary>The current decision.</summary>
    public FilterDecision Decision { get; private set; }

    /// <summary>The re-scan tiers of the current decision.</summary>
    public IReadOnlyList<RescanTier> Rescans => options.RescansFor(Decision.FilterOn);

    private bool Learning => options.FilterOn == TimeFilter.Auto;

    /// <summary>Keeps the latest records that can serve as probe candidates.</summary>
    public void Observe(IEnumerable<ChatRecord> records)
    {
        if (!Learning)
        {
            return;
        }

        foreach (var record in records)
        {
            if (FilterCandidate.TryCreate(record, account.TimeZone, out var candidate))
            {
                candidates.RemoveAll(c => c.Id == candidate.Id);
                candidates.Add(candidate);
                if (candidates.Count > MaxCandidates)
                {
                    candidates.RemoveAt(0);
                }
            }
        }
    }

    /// <summary>
    /// Runs a probe round when one is due and there are candidates enough; returns the new decision when the
    /// round was conclusive (the caller stores it), null otherwise.
    /// </summary>
    public async Task<FilterDecision?> ProbeIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!Learning || now < nextRound || candidates.Count < FilterJudge.MinVotes)
        {
            return null;
        }

        // The most settled records first: one updated again since it was read answers nothing.
        var votes = new List<FilterEvidence>(ProbesPerRound);
        foreach (var candidate in candidates.OrderBy(c => c.UpdatedAt).Take(ProbesPerRound).ToList())
        {
            votes.Add(await probe.ProbeAsync(account, candidate, cancellationToken).ConfigureAwait(false));
        }

        var previous = Decision;
        var decision = FilterJudge.Decide(previous, votes, now);
        if (decision is null)
        {
            nextRound = now + Min(RetryEvery, options.FilterProbeEvery);
            Log.FilterInconclusive(logger, account.Name, votes.Count(v => v == FilterEvidence.UpdatedAt), votes.Count(v => v == FilterEvidence.Unclear), previous.FilterOn);
            return null;
        }

        nextRound = now + options.FilterProbeEvery;
        Decision = decision;
        board.Set(account.Name, decision);
        if (decision.Basis == FilterBasis.Disagreed)
        {
            Log.FilterDisagreed(logger, account.Name, decision.Evidence);
        }
        else if (decision.FilterOn != previous.FilterOn || previous.Basis == FilterBasis.NoEvidence)
        {
            Log.FilterLearned(logger, account.Name, decision.FilterOn, decision.Evidence);
        }

        return decision;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
