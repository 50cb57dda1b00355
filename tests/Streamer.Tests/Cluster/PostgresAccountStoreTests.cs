using Streamer.Tests.State;
using Streamer.Worker.Cluster;
using Streamer.Worker.Cluster.Postgres;

namespace Streamer.Tests.Cluster;

/// <summary>The accounts table on a real PostgreSQL: what is written is what is listed, by name.</summary>
public sealed class PostgresAccountStoreTests : IAsyncLifetime
{
    private readonly PostgresStateDb db = new();
    private PostgresAccountStore store = null!;

    public async Task InitializeAsync()
    {
        await db.CreateAsync();
        await db.OpenAsync();
        store = new PostgresAccountStore(db.Database);
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task AddUpdateRemove_TwoAccounts_ListShowsEachChange()
    {
        var a = Account("a") with { PollInterval = TimeSpan.FromSeconds(3), AllowInsecureTransport = true };
        var b = Account("b");

        Assert.True(await store.AddAsync(b, CancellationToken.None));
        Assert.True(await store.AddAsync(a, CancellationToken.None));
        Assert.False(await store.AddAsync(a with { TenantId = "other" }, CancellationToken.None));
        Assert.Equal([a, b], await store.ListAsync(CancellationToken.None));

        var disabled = b with { Enabled = false, SealedSecret = "v1.k2.rotated" };
        Assert.True(await store.UpdateAsync(disabled, CancellationToken.None));
        Assert.False(await store.UpdateAsync(Account("missing"), CancellationToken.None));
        Assert.Equal([a, disabled], await store.ListAsync(CancellationToken.None));

        Assert.True(await store.RemoveAsync("a", CancellationToken.None));
        Assert.False(await store.RemoveAsync("a", CancellationToken.None));
        Assert.Equal([disabled], await store.ListAsync(CancellationToken.None));
    }

    private static StoredAccount Account(string name) => new()
    {
        Name = name,
        BaseUrl = "http://127.0.0.1:5080/",
        TenantId = $"tenant-{name}",
        AppKey = $"appkey-{name}",
        AccessKey = $"access-{name}",
        SealedSecret = $"v1.k1.sealed-{name}",
        TimeZone = "Asia/Shanghai",
    };
}
