using Streamer.Worker.Configuration;
using Streamer.Worker.State;

namespace Streamer.Tests.State;

/// <summary>The last filter decision per account, written with a commit and read by <c>streamer state</c>.</summary>
public sealed class SqliteFilterWriterTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 2, 0, 0, TimeSpan.Zero);
    private readonly SqliteStateFile file = new();

    public Task InitializeAsync() => file.OpenAsync();

    public async Task DisposeAsync() => await file.DisposeAsync();

    [Fact]
    public async Task Commit_WithDecision_ALaterOneReplacesItAndACommitWithoutOneLeavesIt()
    {
        var learned = new FilterDecision(TimeFilter.UpdatedAt, FilterBasis.Probed, 5, 0, 0, Now.AddHours(-1));
        var fellBack = new FilterDecision(TimeFilter.CreatedAt, FilterBasis.Disagreed, 2, 3, 0, Now);

        await CommitAsync("a", learned);
        var first = await DecisionAsync("a");
        await CommitAsync("a", fellBack);
        await CommitAsync("a", null);

        Assert.Equal(learned, first);
        Assert.Equal(fellBack, await DecisionAsync("a"));
    }

    [Fact]
    public async Task Commit_DecisionWithoutInstant_ReadBackWithoutOne()
    {
        var none = new FilterDecision(TimeFilter.CreatedAt, FilterBasis.NoEvidence);

        await CommitAsync("b", none);

        Assert.Equal(none, await DecisionAsync("b"));
    }

    private Task CommitAsync(string account, FilterDecision? decision) =>
        file.State.CommitAsync(account, new StateCommit(new AccountCursor(Now, true, new Dictionary<string, DateTimeOffset>())) { Filter = decision }, CancellationToken.None);

    private async Task<FilterDecision?> DecisionAsync(string account) =>
        (await SqliteStateReader.ReadAsync(file.Path, CancellationToken.None)).Single(s => s.Account == account).Filter;
}
