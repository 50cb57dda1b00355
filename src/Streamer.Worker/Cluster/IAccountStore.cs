namespace Streamer.Worker.Cluster;

/// <summary>
/// The accounts table of a shared database, managed with <c>streamer accounts</c>: the instances read the enabled
/// ones each lease cycle. Secrets are stored sealed. Each call is one transaction in the real store.
/// </summary>
public interface IAccountStore
{
    /// <summary>Every account, enabled or not, by name.</summary>
    Task<IReadOnlyList<StoredAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="account"/>; false if an account of that name exists.</summary>
    Task<bool> AddAsync(StoredAccount account, CancellationToken cancellationToken);

    /// <summary>Replaces the account of that name; false if there is none.</summary>
    Task<bool> UpdateAsync(StoredAccount account, CancellationToken cancellationToken);

    /// <summary>Removes the account (its stream state stays until pruned); false if there is none.</summary>
    Task<bool> RemoveAsync(string name, CancellationToken cancellationToken);
}
