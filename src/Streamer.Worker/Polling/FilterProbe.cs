using Polly;
using Streamer.Nxlink;

namespace Streamer.Worker.Polling;

/// <summary>
/// Asks the API which timestamp its time filter reads: a record is looked for in the one-second window of
/// its updated_at and in that of its created_at (at most <see cref="MaxPages"/> pages each, through the
/// account's resilience pipeline, so probes count against its rate limit).
/// </summary>
internal sealed class FilterProbe(NxlinkClient client, ResiliencePipeline pipeline)
{
    /// <summary>Pages of one second searched before the answer counts as unclear (a campaign's second can hold more than a page).</summary>
    public const int MaxPages = 3;

    /// <summary>Which window holds <paramref name="candidate"/>; failures other than cancellation are <see cref="FilterEvidence.Unclear"/>.</summary>
    public async Task<FilterEvidence> ProbeAsync(NxlinkAccount account, FilterCandidate candidate, CancellationToken cancellationToken)
    {
        var atUpdated = await FindAsync(account, candidate.Id, candidate.UpdatedAt, cancellationToken).ConfigureAwait(false);
        var atCreated = await FindAsync(account, candidate.Id, candidate.CreatedAt, cancellationToken).ConfigureAwait(false);
        return (atUpdated, atCreated) switch
        {
            (true, false) => FilterEvidence.UpdatedAt,
            (false, true) => FilterEvidence.CreatedAt,
            _ => FilterEvidence.Unclear,
        };
    }

    // True when found, false when every page of the second was searched without it, null when unknown.
    private async Task<bool?> FindAsync(NxlinkAccount account, string id, DateTimeOffset second, CancellationToken cancellationToken)
    {
        for (var number = 1; number <= MaxPages; number++)
        {
            var query = new ChatRecordsQuery { StartTime = second, EndTime = second, PageNumber = number, Ascending = false };
            ChatRecordsResponse page;
            try
            {
                page = await pipeline.ExecuteAsync(
                    static async (state, ct) => await state.client.GetPageAsync(state.account, state.query, ct).ConfigureAwait(false),
                    (client, account, query),
                    cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return null;
            }

            var list = page.List ?? [];
            if (list.Any(r => r.Id == id))
            {
                return true;
            }

            if (list.Count < query.PageSize || (page.Total is { } total && total >= 0 && (long)number * query.PageSize >= total))
            {
                return false;
            }
        }

        return null;
    }
}
