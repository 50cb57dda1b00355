using System.ComponentModel.DataAnnotations;

namespace Streamer.Worker.Cluster;

/// <summary>
/// Leases of a cluster of instances over a shared database (<c>Cluster</c>; only with <c>State:Provider=Postgres</c>):
/// each account is polled by the one instance holding its lease.
/// </summary>
public sealed class ClusterOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Cluster";

    /// <summary>How often an instance renews its leases, announces itself and rebalances.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan RenewEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a lease (and an instance's presence) lasts without renewal: an instance that dies loses its accounts
    /// this long after its last renewal. Must exceed twice <see cref="RenewEvery"/>, so that one late or failed
    /// renewal does not lose a lease.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.300", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Claims of free leases wait a random delay up to this long, so that instances seeing the same free accounts
    /// (a failover, a start of every instance at once) do not all claim in the same instant. Less than <see cref="RenewEvery"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ClaimJitter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>This instance's id in the lease table; empty: the machine name, the process id and a random suffix (unique per start).</summary>
    [RegularExpression("^[A-Za-z0-9_.:-]{0,128}$", ErrorMessage = "Cluster:InstanceId must be at most 128 letters, digits, '_', '.', ':' or '-'.")]
    public string InstanceId { get; set; } = string.Empty;

    /// <summary>Whether the durations fit together: a lease outlives two renewal periods, and the jitter stays within one.</summary>
    public bool HasConsistentTimes() => LeaseDuration > RenewEvery * 2 && ClaimJitter < RenewEvery;
}
