using System.Globalization;
using Streamer.Simulator.Control;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>The rules the generator promises, checked on a start-up backlog's ground truth.</summary>
public sealed class GroundTruthInvariantTests(BacklogSimulatorFixture fixture) : IClassFixture<BacklogSimulatorFixture>
{
    private static readonly Dictionary<string, string[]> NextStatuses = new(StringComparer.Ordinal)
    {
        ["sent"] = ["delivered", "failed"],
        ["delivered"] = ["read", "failed"],
    };

    private List<SimChange> Changes => fixture.Changes;

    [Fact]
    public void Changes_Seq_IsOneBasedAndContiguous()
    {
        Assert.Equal(Enumerable.Range(1, Changes.Count).Select(i => (long)i), Changes.Select(c => c.Seq));
    }

    [Fact]
    public void Changes_FirstChangeOfEveryRecord_IsItsCreation()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in Changes)
        {
            Assert.Equal(seen.Add(change.RecordId), change.Kind == SimChangeKinds.Created);
        }
    }

    [Fact]
    public void Changes_StatusSteps_NeverSkipNorGoBack()
    {
        var status = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var change in Changes)
        {
            if (change.Kind == SimChangeKinds.Created)
            {
                Assert.True(change.Status is null or "sent");
                Assert.Equal(change.ChatType == 0, change.Status == "sent");
                status[change.RecordId] = change.Status;
            }
            else if (change.Kind == SimChangeKinds.Status)
            {
                var previous = status[change.RecordId];
                Assert.Equal(previous, change.PreviousStatus);
                Assert.Contains(change.Status, NextStatuses[previous!]);
                Assert.Equal(change.Status == "failed", change.Remark is not null);
                status[change.RecordId] = change.Status;
            }
        }

        Assert.Contains(Changes, c => c.Status == "read");
        Assert.Contains(Changes, c => c.Status == "failed");
    }

    [Fact]
    public void Changes_Reactions_AddChangeAndRemoveFromThePreviousEmoji()
    {
        var emoji = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var change in Changes.Where(c => c.Kind == SimChangeKinds.Reaction))
        {
            Assert.Equal(emoji.GetValueOrDefault(change.RecordId), change.PreviousEmoji);
            Assert.NotEqual(change.PreviousEmoji, change.Emoji);
            emoji[change.RecordId] = change.Emoji;
        }

        var reactions = Changes.Where(c => c.Kind == SimChangeKinds.Reaction).ToList();
        Assert.Contains(reactions, c => c.PreviousEmoji is null);
        Assert.Contains(reactions, c => c.PreviousEmoji is not null && c.Emoji is not null);
        Assert.Contains(reactions, c => c.Emoji is null);
    }

    [Fact]
    public void Changes_Updates_CarryApiFieldNamesAndAgentFieldsTogether()
    {
        var updates = Changes.Where(c => c.Kind == SimChangeKinds.Updated).ToList();

        Assert.All(updates, c => Assert.True(
            c.Fields!.Keys.Order(StringComparer.Ordinal).SequenceEqual(["customer_name"]) ||
            c.Fields.Keys.Order(StringComparer.Ordinal).SequenceEqual(["agent_account", "agent_id", "agent_name"]) ||
            c.Fields.Keys.Order(StringComparer.Ordinal).SequenceEqual(["remark"])));
        Assert.Contains(updates, c => c.Fields!.ContainsKey("customer_name"));
        Assert.Contains(updates, c => c.Fields!.ContainsKey("agent_id"));
        Assert.Contains(updates, c => c.Fields!.ContainsKey("remark"));
    }

    [Fact]
    public void Changes_PerRecord_UpdatedAtStrictlyIncreasesByAtLeastTheGap()
    {
        foreach (var record in Changes.GroupBy(c => c.RecordId))
        {
            var times = record.Select(c => c.At).ToList();
            for (var i = 1; i < times.Count; i++)
            {
                Assert.True(times[i] - times[i - 1] >= TimeSpan.FromSeconds(2), $"record {record.Key} changed twice within the gap.");
            }

            Assert.All(record, c => Assert.Equal(record.First().CreatedAt, c.CreatedAt));
        }
    }

    [Fact]
    public void Changes_Timestamps_AreMonotonicInThePastAndMatchTheirText()
    {
        var now = fixture.Host.Time.GetUtcNow();
        for (var i = 0; i < Changes.Count; i++)
        {
            var change = Changes[i];
            Assert.True(change.At <= now);
            Assert.True(i == 0 || Changes[i - 1].At <= change.At);
            Assert.Equal(TimeSpan.FromHours(8), change.At.Offset);
            Assert.Equal(change.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), change.UpdatedAt);
        }

        Assert.True(Changes[^1].At - Changes[0].At > TimeSpan.FromMinutes(25));
    }

    [Fact]
    public void Changes_Targets_IncludeOldRecordsNotOnlyRecentOnes()
    {
        var created = Changes.Where(c => c.Kind == SimChangeKinds.Created).Select((c, i) => (c.RecordId, i)).ToDictionary(p => p.RecordId, p => p.i);
        var lastTen = Changes.Skip(Changes.Count * 9 / 10).Where(c => c.Kind != SimChangeKinds.Created).ToList();

        Assert.Contains(lastTen, c => created[c.RecordId] < created.Count / 2);
    }

    [Fact]
    public void Records_Content_MixesScriptsTypesAndReplies()
    {
        var kinds = Changes.Where(c => c.Kind == SimChangeKinds.Created).GroupBy(c => c.MessageType).ToDictionary(g => g.Key!, g => g.Count());

        Assert.Equal(["audio", "document", "image", "template", "text", "video"], kinds.Keys.Order(StringComparer.Ordinal));
        Assert.Contains(Changes, c => c.ChatType == 2);
    }
}
