using Streamer.Nxlink;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>
/// What an account does after each poll's window: learn from the records it read which timestamp the API
/// filters on (a conclusive probe is stored; one that disagrees with updated_at makes every re-scan due), and
/// prune the state no re-scan reaches any more.
/// </summary>
internal sealed class PollUpkeep(FilterSense filter, CursorBook cursors, PollPruner pruner)
{
    /// <summary>Runs after a window whose latest slice read <paramref name="latest"/>.</summary>
    public async Task AfterWindowAsync(IReadOnlyList<ChatRecord> latest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        filter.Observe(latest);
        var previous = filter.Decision;
        if (await filter.ProbeIfDueAsync(now, cancellationToken).ConfigureAwait(false) is { } decision)
        {
            if (decision.Basis == FilterBasis.Disagreed)
            {
                // Reads taken for updated_at may have missed changes to older records since the last probe agreed.
                cursors.RescanAll();
            }

            if (decision != previous)
            {
                await cursors.SaveFilterAsync(decision, cancellationToken).ConfigureAwait(false);
            }
        }

        await pruner.PruneIfDueAsync(now, cancellationToken).ConfigureAwait(false);
    }
}
