using Microsoft.Extensions.Time.Testing;
using Streamer.Simulator.Control;
using Streamer.Simulator.Tests.Infrastructure;

namespace Streamer.Simulator.Tests;

/// <summary>The same seed and the same generate calls give the same ground truth; another seed gives another.</summary>
public sealed class GeneratorDeterminismTests
{
    // A backlog ends at the host's "now", so same-seed hosts run on clocks of their own, stopped at the same
    // instant: on the wall clock, load between the calls could shift a later backlog by a second.
    private static readonly DateTimeOffset Start = new(2025, 10, 16, 3, 20, 0, TimeSpan.Zero);

    [Fact]
    public async Task Backlog_SameSeed_ProducesIdenticalGroundTruth()
    {
        await using var first = await SimulatorHost.StartAsync(o => o.Seed = 2024, new FakeTimeProvider(Start));
        await using var second = await SimulatorHost.StartAsync(o => o.Seed = 2024, new FakeTimeProvider(Start));
        await first.BacklogAsync(3_000, TimeSpan.FromMinutes(30));
        await second.BacklogAsync(3_000, TimeSpan.FromMinutes(30));
        await first.BacklogAsync(500, TimeSpan.FromMinutes(1));
        await second.BacklogAsync(500, TimeSpan.FromMinutes(1));

        var a = Project(await first.ChangesAsync());
        var b = Project(await second.ChangesAsync());

        Assert.Equal(3_500, a.Count);
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task Backlog_SameSeed_ServesIdenticalRecordContent()
    {
        await using var first = await SimulatorHost.StartAsync(o => o.Seed = 77, new FakeTimeProvider(Start));
        await using var second = await SimulatorHost.StartAsync(o => o.Seed = 77, new FakeTimeProvider(Start));
        await first.BacklogAsync(800, TimeSpan.FromMinutes(10));
        await second.BacklogAsync(800, TimeSpan.FromMinutes(10));

        var a = await first.AllRecordsAsync(new ChatRecordsQuery { Ascending = true });
        var b = await second.AllRecordsAsync(new ChatRecordsQuery { Ascending = true });

        Assert.Equal(a.Select(Content), b.Select(Content));
    }

    [Fact]
    public async Task Backlog_DifferentSeeds_ProduceDifferentGroundTruth()
    {
        await using var first = await SimulatorHost.StartAsync(o => o.Seed = 1);
        await using var second = await SimulatorHost.StartAsync(o => o.Seed = 2);
        await first.BacklogAsync(1_000, TimeSpan.FromMinutes(10));
        await second.BacklogAsync(1_000, TimeSpan.FromMinutes(10));

        Assert.NotEqual(Project(await first.ChangesAsync()), Project(await second.ChangesAsync()));
    }

    // Wall-clock placement aside: the offset of each change from the first one is part of what must repeat.
    private static List<string> Project(List<SimChange> changes)
    {
        var origin = changes[0].At;
        return
        [
            .. changes.Select(c => string.Join(
                '|',
                c.Seq,
                c.RecordId,
                c.Kind,
                c.Status,
                c.PreviousStatus,
                c.Emoji,
                c.PreviousEmoji,
                c.Remark,
                c.Fields is null ? "" : string.Join(',', c.Fields.Select(f => f.Key + "=" + f.Value)),
                c.CustomerId,
                c.ConversationId,
                c.AgentAccount,
                c.MessageType,
                (c.At - origin).TotalSeconds)),
        ];
    }

    private static string Content(ChatRecord r) =>
        string.Join('|', r.Id, r.CustomerId, r.CustomerName, r.ConversationId, r.AgentId, r.ChatType, r.MessageType, r.Content,
            r.MessageId, r.Status, r.FileName, r.MimeType, r.Template?.Name, r.UserEmoji, r.Context, r.Remark);
}
