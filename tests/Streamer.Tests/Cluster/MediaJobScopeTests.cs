using Streamer.Tests.State;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;
using Streamer.Worker.Media;
using Streamer.Worker.State;

namespace Streamer.Tests.Cluster;

/// <summary>In a cluster each instance takes the due media jobs of the accounts it holds, from the one shared table.</summary>
public sealed class MediaJobScopeTests : IAsyncLifetime
{
    private readonly PostgresStateDb db = new();

    public async Task InitializeAsync()
    {
        await db.CreateAsync();
        await db.OpenAsync();
        foreach (var account in new[] { "a", "b" })
        {
            var job = new MediaJob { Account = account, TenantId = "1", RecordId = $"r-{account}", Link = $"https://media.example.com/{account}" };
            await db.State.CommitAsync(account, new StateCommit(new AccountCursor(DateTimeOffset.UnixEpoch, true, new Dictionary<string, DateTimeOffset>())) { MediaJobs = [job] }, CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task GetDue_InstanceHoldingOneAccount_OnlyThatAccountsJobs()
    {
        var instance = new InstanceAccounts();
        instance.Set([new AccountAssignment(new AccountOptions { Name = "a" }, new FencingToken("i1", "a", 1))]);

        var due = await new PostgresMediaJobStore(db.Database, instance).GetDueAsync(DateTimeOffset.UtcNow, 10, CancellationToken.None);

        Assert.Equal(["r-a"], due.Select(d => d.Job.RecordId));
    }

    [Fact]
    public async Task GetDue_InstanceHoldingNoAccount_None()
    {
        var instance = new InstanceAccounts();
        instance.Set([]);

        Assert.Empty(await new PostgresMediaJobStore(db.Database, instance).GetDueAsync(DateTimeOffset.UtcNow, 10, CancellationToken.None));
    }

    [Fact]
    public async Task GetDue_AccountsWithoutLeases_EveryAccountsJobs()
    {
        var instance = new InstanceAccounts();
        instance.Set([new AccountAssignment(new AccountOptions { Name = "a" }, null)]);

        var due = await new PostgresMediaJobStore(db.Database, instance).GetDueAsync(DateTimeOffset.UtcNow, 10, CancellationToken.None);

        Assert.Equal(["r-a", "r-b"], due.Select(d => d.Job.RecordId).Order());
    }
}
