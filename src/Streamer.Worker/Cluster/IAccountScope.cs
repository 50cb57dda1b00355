namespace Streamer.Worker.Cluster;

/// <summary>
/// Which accounts' shared work (media jobs) this instance does: in a cluster, those it holds leases of, so that
/// instances sharing one database do not each download every account's media.
/// </summary>
public interface IAccountScope
{
    /// <summary>The names of the accounts this instance holds under leases; null when every account is its own (no leases).</summary>
    IReadOnlyCollection<string>? Owned { get; }
}
