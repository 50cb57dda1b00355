using Streamer.Worker.Cluster;

namespace Streamer.Tests.Cluster;

/// <summary>The accounts table in memory.</summary>
internal sealed class FakeAccountStore : IAccountStore
{
    public Dictionary<string, StoredAccount> Rows { get; } = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<StoredAccount>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<StoredAccount>>([.. Rows.Values]);

    public Task<bool> AddAsync(StoredAccount account, CancellationToken cancellationToken) => Task.FromResult(Rows.TryAdd(account.Name, account));

    public Task<bool> UpdateAsync(StoredAccount account, CancellationToken cancellationToken)
    {
        var known = Rows.ContainsKey(account.Name);
        if (known)
        {
            Rows[account.Name] = account;
        }

        return Task.FromResult(known);
    }

    public Task<bool> RemoveAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Rows.Remove(name));
}
