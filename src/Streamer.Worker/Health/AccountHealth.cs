using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Streamer.Nxlink;

namespace Streamer.Worker.Health;

/// <summary>
/// Per account, when its last poll succeeded, when it last committed progress and where its cursor stands:
/// the pollers report here, the readiness check and the poll lag gauge read it. Account names and instants only.
/// </summary>
public sealed class AccountHealth
{
    private readonly ConcurrentDictionary<string, AccountPollStatus> accounts = new(StringComparer.Ordinal);
    private readonly TimeProvider time;

    /// <summary>Creates the registry and its poll lag gauge.</summary>
    public AccountHealth(TimeProvider time, StreamerMetrics metrics)
    {
        this.time = time;
        Started = time.GetUtcNow();
        metrics.ObservePollLag(Lags);
    }

    /// <summary>When the registry was created: an account that never committed has made no progress since.</summary>
    public DateTimeOffset Started { get; }

    /// <summary>A poll of <paramref name="account"/> succeeded; its cursor is now <paramref name="cursor"/>.</summary>
    public void Polled(string account, DateTimeOffset? cursor)
    {
        var now = time.GetUtcNow();
        accounts.AddOrUpdate(account, _ => new AccountPollStatus(now, cursor, null), (_, known) => known with { LastSuccess = now, Cursor = cursor, LastError = null });
    }

    /// <summary><paramref name="account"/> committed a slice it read from the API; its cursor is now <paramref name="cursor"/>.</summary>
    public void Progressed(string account, DateTimeOffset cursor)
    {
        var now = time.GetUtcNow();
        accounts.AddOrUpdate(account, _ => new AccountPollStatus(null, cursor, null, now), (_, known) => known with { Cursor = cursor, LastProgress = now });
    }

    /// <summary>A poll of <paramref name="account"/> failed on its configuration; kept as a fixed reason (<see cref="ConfigurationErrorReason"/>).</summary>
    public void Failed(string account, NxlinkConfigurationException error) => Failed(account, ConfigurationErrorReason.Of(error));

    /// <summary>A poll of <paramref name="account"/> failed for <paramref name="reason"/>, a text Streamer wrote (never the API's).</summary>
    public void Failed(string account, string reason) =>
        accounts.AddOrUpdate(account, _ => new AccountPollStatus(null, null, reason), (_, known) => known with { LastError = reason });

    /// <summary><paramref name="account"/> is no longer polled here (removed, or its lease went elsewhere): its lag is no longer reported.</summary>
    public void Forget(string account) => accounts.TryRemove(account, out _);

    /// <summary>What is known of <paramref name="account"/>; nothing before its first poll ended.</summary>
    public AccountPollStatus Of(string account) => accounts.GetValueOrDefault(account) ?? new AccountPollStatus(null, null, null);

    private IEnumerable<Measurement<double>> Lags()
    {
        var now = time.GetUtcNow();
        foreach (var (account, status) in accounts)
        {
            if (status.Cursor is { } cursor)
            {
                yield return new Measurement<double>((now - cursor).TotalSeconds, new KeyValuePair<string, object?>("account", account));
            }
        }
    }
}
