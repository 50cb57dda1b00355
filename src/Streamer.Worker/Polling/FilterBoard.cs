using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Streamer.Worker.Configuration;
using Streamer.Worker.State;

namespace Streamer.Worker.Polling;

/// <summary>Every account's current <see cref="FilterDecision"/>, for the <c>streamer.poll.filter</c> gauge.</summary>
internal sealed class FilterBoard
{
    private readonly ConcurrentDictionary<string, FilterDecision> decisions = new(StringComparer.Ordinal);

    /// <summary>Registers the gauge: 1 per account taken to filter on updated_at, 0 on created_at, tagged with the basis.</summary>
    public FilterBoard(StreamerMetrics metrics) => metrics.ObserveFilters(Observe);

    /// <summary>The account's decision changed (or was first made).</summary>
    public void Set(string account, FilterDecision decision) => decisions[account] = decision;

    /// <summary>The account is no longer polled here: its gauge goes.</summary>
    public void Forget(string account) => decisions.TryRemove(account, out _);

    /// <summary>The account's decision, or null before its poller started.</summary>
    public FilterDecision? Get(string account) => decisions.GetValueOrDefault(account);

    private IEnumerable<Measurement<int>> Observe() => decisions.Select(d => new Measurement<int>(
        d.Value.FilterOn == TimeFilter.UpdatedAt ? 1 : 0,
        new KeyValuePair<string, object?>("account", d.Key),
        new KeyValuePair<string, object?>("basis", d.Value.Basis.ToString())));
}
