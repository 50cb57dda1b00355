using Streamer.Contracts;
using Streamer.Worker.Detection;

namespace Streamer.Tests.Detection;

public sealed class BackfillDetectorTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DetectionContext Context = new("1", Shanghai, ChangeOrigin.Live);

    [Fact]
    public void Detect_OutboundRead_CreatedAsSentThenInferredStepsWithTheStreamsIds()
    {
        var record = Records.Outbound(status: "read", updatedAt: "2025-10-16 11:20:00").With(r => r.UserEmoji = "👍");

        var result = BackfillDetector.Detect(record, Context);

        var created = Assert.IsType<ChatMessageCreated>(result.Events[0]);
        Assert.Equal(EventIds.Created("1", record.Id!), created.EventId);
        Assert.Equal(ChangeOrigin.Backfill, created.Origin);
        Assert.Equal("sent", created.Status);
        Assert.Equal("👍", created.Emoji);
        var steps = result.Events.Skip(1).Cast<ChatMessageStatusChanged>().ToList();
        Assert.Equal([("sent", "delivered"), ("delivered", "read")], steps.Select(s => (s.PreviousStatus!, s.Status)));
        Assert.Equal([EventIds.Status("1", record.Id!, "delivered"), EventIds.Status("1", record.Id!, "read")], steps.Select(s => s.EventId));
        Assert.All(steps, s => Assert.True(s.Inferred));
        Assert.Equal([1L, 2L, 3L], result.Events.Select(e => e.Version));
        Assert.Empty(result.Events.OfType<ChatMessageReactionChanged>());
    }

    [Fact]
    public void Detect_OutboundFailed_OnlyTheFailureWithItsReason()
    {
        var record = Records.Outbound(status: "failed").With(r => r.Remark = "131051: Unsupported message type");

        var result = BackfillDetector.Detect(record, Context);

        var step = Assert.IsType<ChatMessageStatusChanged>(Assert.Single(result.Events.Skip(1)));
        Assert.Equal(("sent", "failed", true), (step.PreviousStatus, step.Status, step.Inferred));
        Assert.Equal("131051: Unsupported message type", step.FailureReason);
    }

    [Theory]
    [InlineData("sent")]
    [InlineData(null)]
    [InlineData("queued")]
    public void Detect_OutboundNotPastSent_OnlyCreatedWithItsStatus(string? status)
    {
        var result = BackfillDetector.Detect(Records.Outbound(status: status), Context);

        var created = Assert.IsType<ChatMessageCreated>(Assert.Single(result.Events));
        Assert.Equal(status, created.Status);
        Assert.Equal(ChangeOrigin.Backfill, created.Origin);
    }

    [Fact]
    public void Detect_Inbound_OnlyCreated()
    {
        var record = Records.Outbound(status: "read").With(r => r.ChatType = 1);

        var result = BackfillDetector.Detect(record, Context);

        Assert.IsType<ChatMessageCreated>(Assert.Single(result.Events));
    }

    [Fact]
    public void Detect_Unreadable_Rejected()
    {
        var result = BackfillDetector.Detect(Records.Outbound().With(r => r.UpdatedAt = "yesterday"), Context);

        Assert.True(result.IsRejected);
    }
}
