using Streamer.Worker.Configuration;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>Forgets, once per <c>State:PruneInterval</c>, the records of an account that no re-scan can meet again.</summary>
internal sealed class PollPruner(string account, PollingOptions options, TimeSpan interval, IStateStore store, ILogger logger)
{
    private DateTimeOffset lastPrune = DateTimeOffset.MinValue;

    /// <summary>Prunes when the last prune is at least an interval before <paramref name="now"/>.</summary>
    public async Task PruneIfDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now - lastPrune < interval)
        {
            return;
        }

        lastPrune = now;

        // Keep an hour beyond the longest horizon so a re-scan never meets a record it has just forgotten.
        var before = now - WindowPlanner.LongestHorizon(options) - TimeSpan.FromHours(1);
        var pruned = await store.PruneAsync(account, before, cancellationToken).ConfigureAwait(false);
        if (pruned > 0)
        {
            Log.Pruned(logger, account, pruned, before);
        }
    }
}
