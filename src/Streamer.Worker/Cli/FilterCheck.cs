using Polly;
using Streamer.Nxlink;
using Streamer.Worker.Configuration;
using Streamer.Worker.Polling;
using Streamer.Worker.State;

namespace Streamer.Worker.Cli;

/// <summary>
/// Probes, as the worker would, which timestamp an account's API filters on (from its latest page of
/// records), and says whether <c>Polling:FilterOn</c> fits: taking updated_at for an API that filters on
/// created_at would miss changes to older records, so that fails; the rest pass with what was found.
/// </summary>
internal static class FilterCheck
{
    public static async Task<CheckResult> RunAsync(NxlinkClient client, NxlinkAccount account, PollingOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var subject = $"filter {account.Name}";
        var pipeline = new ResiliencePipelineBuilder().AddTimeout(options.RequestTimeout).Build();
        ChatRecordsResponse latest;
        try
        {
            latest = await pipeline.ExecuteAsync(
                async ct => await client.GetPageAsync(account, new ChatRecordsQuery { Ascending = false }, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new CheckResult(true, subject, $"not probed: the latest page could not be read ({error.GetType().Name}); see the account's line.");
        }

        var candidates = new List<FilterCandidate>();
        foreach (var record in latest.List ?? [])
        {
            if (FilterCandidate.TryCreate(record, account.TimeZone, out var candidate))
            {
                candidates.Add(candidate);
            }
        }

        var probe = new FilterProbe(client, pipeline);
        var votes = new List<FilterEvidence>();
        foreach (var candidate in candidates.OrderBy(c => c.UpdatedAt).Take(FilterSense.ProbesPerRound))
        {
            votes.Add(await probe.ProbeAsync(account, candidate, cancellationToken).ConfigureAwait(false));
        }

        var found = FilterJudge.Decide(new FilterDecision(TimeFilter.CreatedAt, FilterBasis.NoEvidence), votes, time.GetUtcNow());
        var evidence = found?.Evidence ?? (votes.Count == 0
            ? "no evidence: none of the latest records has created_at and updated_at in different seconds"
            : $"no conclusion ({new FilterDecision(TimeFilter.CreatedAt, FilterBasis.NoEvidence, votes.Count(v => v == FilterEvidence.UpdatedAt), 0, votes.Count(v => v == FilterEvidence.Unclear)).Evidence})");
        var apiFilters = found?.FilterOn.ToString() ?? "unknown";
        return (options.FilterOn, found?.FilterOn) switch
        {
            (TimeFilter.UpdatedAt, TimeFilter.CreatedAt) => new CheckResult(
                false, subject, $"Polling:FilterOn is UpdatedAt but the API filters on created_at ({evidence}): changes to older records would be missed. Fix: set Polling:FilterOn to Auto (the default) or CreatedAt."),
            (TimeFilter.Auto, _) => new CheckResult(true, subject, $"Auto: the API filters on {apiFilters} ({evidence}); the worker probes again every {options.FilterProbeEvery}."),
            _ => new CheckResult(true, subject, $"Polling:FilterOn is {options.FilterOn}; the API filters on {apiFilters} ({evidence})."),
        };
    }
}
