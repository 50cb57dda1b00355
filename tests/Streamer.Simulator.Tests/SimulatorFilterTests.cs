using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>Every filter of the document returns exactly what the simulator's ground truth implies (FilterOn = CreatedAt).</summary>
public sealed class SimulatorFilterTests(BacklogSimulatorFixture fixture) : IClassFixture<BacklogSimulatorFixture>
{
    private IEnumerable<TruthRecord> Truth => fixture.Truth.Values;

    [Fact]
    public async Task Filter_CustomerId_ReturnsExactlyThatCustomersRecords()
    {
        var customer = MostCommon(r => r.CustomerId);

        var records = await All(new ChatRecordsQuery { CustomerId = customer, Ascending = true });

        AssertSameOrderedIds(Expected(r => r.CustomerId == customer), records);
    }

    [Fact]
    public async Task Filter_ConversationId_ReturnsExactlyThatConversationsRecords()
    {
        var conversation = MostCommon(r => r.ConversationId);

        var records = await All(new ChatRecordsQuery { ConversationId = conversation, Ascending = true });

        AssertSameOrderedIds(Expected(r => r.ConversationId == conversation), records);
    }

    [Fact]
    public async Task Filter_BusinessChannelId_MatchesUserChannelId()
    {
        var number = MostCommon(r => r.BusinessChannelId);

        var records = await All(new ChatRecordsQuery { BusinessChannelId = number, Ascending = true });

        AssertSameOrderedIds(Expected(r => r.BusinessChannelId == number), records);
        Assert.All(records, r => Assert.Equal(number, r.UserChannelId));
    }

    [Fact]
    public async Task Filter_AgentAccount_UsesTheAccountAfterReassignments()
    {
        var account = MostCommon(r => r.AgentAccount);

        var records = await All(new ChatRecordsQuery { AgentAccount = account, Ascending = true });

        AssertSameOrderedIds(Expected(r => r.AgentAccount == account), records);
    }

    [Fact]
    public async Task Filter_CombinedFilters_AreAnded()
    {
        var customer = MostCommon(r => r.CustomerId);
        var conversation = Truth.First(r => r.CustomerId == customer).ConversationId;

        var records = await All(new ChatRecordsQuery { CustomerId = customer, ConversationId = conversation, Ascending = true });

        AssertSameOrderedIds(Expected(r => r.CustomerId == customer && r.ConversationId == conversation), records);
    }

    [Fact]
    public async Task Filter_UnknownCustomer_ReturnsNothing()
    {
        var page = await fixture.Host.Client.GetPageAsync(fixture.Host.Account(), new ChatRecordsQuery { CustomerId = "0" }, CancellationToken.None);

        Assert.Equal(0, page.Total);
        Assert.Empty(page.List!);
    }

    [Fact]
    public async Task Filter_StartAndEndTime_AreInclusiveToTheSecond()
    {
        var seconds = Truth.Select(r => r.CreatedAt).Distinct().Order(StringComparer.Ordinal).ToList();
        var (start, end) = (seconds[seconds.Count / 3], seconds[seconds.Count / 2]);

        var records = await All(new ChatRecordsQuery { StartTime = Time(start), EndTime = Time(end), Ascending = true });

        var expected = Expected(r => string.CompareOrdinal(r.CreatedAt, start) >= 0 && string.CompareOrdinal(r.CreatedAt, end) <= 0);
        AssertSameOrderedIds(expected, records);
        Assert.Equal(start, records[0].CreatedAt);
        Assert.Equal(end, records[^1].CreatedAt);
    }

    [Fact]
    public async Task Filter_StartEqualsEnd_ReturnsThatSecondOnly()
    {
        var second = MostCommon(r => r.CreatedAt);

        var records = await All(new ChatRecordsQuery { StartTime = Time(second), EndTime = Time(second), Ascending = true });

        AssertSameOrderedIds(Expected(r => r.CreatedAt == second), records);
    }

    [Fact]
    public async Task Filter_EndBeforeStart_ReturnsNothing()
    {
        var seconds = Truth.Select(r => r.CreatedAt).Order(StringComparer.Ordinal).ToList();

        var page = await fixture.Host.Client.GetPageAsync(
            fixture.Host.Account(),
            new ChatRecordsQuery { StartTime = Time(seconds[^1]), EndTime = Time(seconds[0]) },
            CancellationToken.None);

        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task OrderBy_AscAndDesc_AreExactReversesSortedByTimestampThenId()
    {
        var ascending = await All(new ChatRecordsQuery { Ascending = true });
        var descending = await All(new ChatRecordsQuery { Ascending = false });

        AssertSameOrderedIds(Expected(_ => true), ascending);
        Assert.Equal(ascending.Select(r => r.Id).Reverse(), descending.Select(r => r.Id));
    }

    [Fact]
    public async Task OrderBy_Absent_DefaultsToDescending()
    {
        var page = await fixture.Host.SendRawAsync(fixture.Host.RawRequest("tenant_id=1&appkey=demo-appkey&channel=2&page_number=1&page_size=5"));

        var expected = GroundTruth.InApiOrder(Truth, r => r.CreatedAt).Reverse().Take(5).Select(r => r.Id);
        Assert.Equal(expected, page.List!.Select(r => r.Id!));
    }

    [Fact]
    public async Task Records_ServedByTheApi_MatchTheReplayedGroundTruth()
    {
        var records = await All(new ChatRecordsQuery { Ascending = true });

        Assert.Equal(fixture.Truth.Count, records.Count);
        foreach (var record in records)
        {
            var truth = fixture.Truth[record.Id!];
            Assert.Equal(truth.CreatedAt, record.CreatedAt);
            Assert.Equal(truth.UpdatedAt, record.UpdatedAt);
            Assert.Equal(truth.Status, record.Status);
            Assert.Equal(truth.Emoji, record.UserEmoji);
            Assert.Equal(truth.Remark, record.Remark);
            Assert.Equal(truth.AgentAccount, record.AgentAccount);
            Assert.Equal(truth.CustomerId, record.CustomerId);
            Assert.Equal(truth.ConversationId, record.ConversationId);
            if (truth.RenamedTo is not null)
            {
                Assert.Equal(truth.RenamedTo, record.CustomerName);
            }
        }
    }

    private static DateTimeOffset Time(string apiText) => NxlinkTime.Parse(apiText, SimulatorHost.Zone)!.Value;

    private string MostCommon(Func<TruthRecord, string?> key) =>
        Truth.GroupBy(key).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key!;

    private List<string> Expected(Func<TruthRecord, bool> predicate) =>
        [.. GroundTruth.InApiOrder(Truth.Where(predicate), r => r.CreatedAt).Select(r => r.Id)];

    private static void AssertSameOrderedIds(List<string> expected, List<ChatRecord> actual)
    {
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual.Select(r => r.Id!));
    }

    private Task<List<ChatRecord>> All(ChatRecordsQuery query) => fixture.Host.AllRecordsAsync(query with { PageSize = 100 });
}
