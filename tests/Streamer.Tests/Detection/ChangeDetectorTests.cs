using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.Detection;

namespace Streamer.Tests.Detection;

public sealed class ChangeDetectorTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DetectionContext Live = new("1", Shanghai, ChangeOrigin.Live);

    // Records.Outbound() was created 2025-10-16 11:11:02 in Shanghai.
    private static readonly DateTimeOffset RecordCreatedAt = new(2025, 10, 16, 3, 11, 2, TimeSpan.Zero);

    [Fact]
    public void Detect_NewRecord_EmitsCreatedWithEveryField()
    {
        var record = Records.Outbound(status: "delivered").With(r =>
        {
            r.UserEmoji = "👍";
            r.Context = "wamid.PARENT";
            r.Remark = "note";
        });

        var result = ChangeDetector.Detect(null, record, Live);

        var created = Assert.IsType<ChatMessageCreated>(Assert.Single(result.Events));
        Assert.Equal(EventIds.Created("1", record.Id!), created.EventId);
        Assert.Equal(ChangeOrigin.Live, created.Origin);
        Assert.Equal(ChatDirection.Outbound, created.Direction);
        Assert.Equal("delivered", created.Status);
        Assert.Equal("👍", created.Emoji);
        Assert.Equal("wamid.PARENT", created.ReplyToMessageId);
        Assert.Equal("空格键", created.CustomerName);
        Assert.Equal("155xxxx2740", created.BusinessNumber);
        Assert.Equal("conv-1", created.ConversationId);
        Assert.Equal(new DateTimeOffset(2025, 10, 16, 11, 11, 2, TimeSpan.FromHours(8)), created.OccurredAt);
        Assert.Equal(1, created.Version);
        Assert.Equal(1, result.Snapshot!.Version);
        Assert.Equal("delivered", result.Snapshot.Status);
    }

    [Theory]
    [InlineData(0, ChatDirection.Outbound)]
    [InlineData(1, ChatDirection.Inbound)]
    [InlineData(2, ChatDirection.System)]
    [InlineData(7, ChatDirection.Unknown)]
    public void Detect_ChatType_MapsDirection(int chatType, ChatDirection expected)
    {
        var created = (ChatMessageCreated)ChangeDetector.Detect(null, Records.Outbound().With(r => r.ChatType = chatType), Live).Events[0];

        Assert.Equal(expected, created.Direction);
        Assert.Equal(chatType, created.ChatType);
    }

    [Fact]
    public void Detect_UnknownMessageTypeAndStatus_CarriedAsStrings()
    {
        var record = Records.Outbound(status: "pending_moderation").With(r => r.MessageType = "sticker");

        var created = (ChatMessageCreated)ChangeDetector.Detect(null, record, Live).Events[0];

        Assert.Equal("sticker", created.MessageType);
        Assert.Equal("pending_moderation", created.Status);
    }

    [Fact]
    public void Detect_UnchangedRecord_EmitsNothingAndKeepsSnapshot()
    {
        var record = Records.Outbound();
        var first = ChangeDetector.Detect(null, record, Live);

        var again = ChangeDetector.Detect(first.Snapshot, record.Clone(), Live);

        Assert.Empty(again.Events);
        Assert.Same(first.Snapshot, again.Snapshot);
    }

    [Theory]
    [InlineData("sent", "delivered")]
    [InlineData("delivered", "read")]
    [InlineData("sent", "failed")]
    [InlineData("delivered", "failed")]
    [InlineData("read", "failed")]
    public void Detect_ForwardStep_EmitsOneStatusChange(string before, string after)
    {
        var snapshot = ChangeDetector.Detect(null, Records.Outbound(status: before), Live).Snapshot;

        var result = ChangeDetector.Detect(snapshot, Records.Outbound(status: after, updatedAt: "2025-10-16 11:11:09"), Live);

        var changed = Assert.IsType<ChatMessageStatusChanged>(Assert.Single(result.Events));
        Assert.Equal(before, changed.PreviousStatus);
        Assert.Equal(after, changed.Status);
        Assert.False(changed.Inferred);
        Assert.Equal(2, changed.Version);
        Assert.Equal(EventIds.Status("1", "1185539581697126400", after), changed.EventId);
    }

    [Fact]
    public void Detect_SkippedStep_EmitsInferredStepThenObservedStep()
    {
        var snapshot = ChangeDetector.Detect(null, Records.Outbound(status: "sent"), Live).Snapshot;

        var result = ChangeDetector.Detect(snapshot, Records.Outbound(status: "read", updatedAt: "2025-10-16 11:12:00"), Live);

        Assert.Collection(
            result.Events.Cast<ChatMessageStatusChanged>(),
            e => Assert.Equal(("sent", "delivered", true, 2L), (e.PreviousStatus, e.Status, e.Inferred, e.Version)),
            e => Assert.Equal(("delivered", "read", false, 3L), (e.PreviousStatus, e.Status, e.Inferred, e.Version)));
        Assert.Equal("read", result.Snapshot!.Status);
    }

    [Fact]
    public void Detect_InferredStep_HasSameIdAsObservedStep()
    {
        var sent = ChangeDetector.Detect(null, Records.Outbound(status: "sent"), Live).Snapshot;
        var observed = ChangeDetector.Detect(sent, Records.Outbound(status: "delivered", updatedAt: "2025-10-16 11:11:05"), Live).Events.Single();

        var inferred = ChangeDetector.Detect(sent, Records.Outbound(status: "read", updatedAt: "2025-10-16 11:11:09"), Live).Events[0];

        Assert.Equal(observed.EventId, inferred.EventId);
    }

    [Theory]
    [InlineData("read", "delivered")]
    [InlineData("read", "sent")]
    [InlineData("delivered", "sent")]
    [InlineData("failed", "read")]
    [InlineData("failed", "sent")]
    [InlineData("delivered", null)]
    public void Detect_BackwardStep_NotEmittedButCounted(string before, string? after)
    {
        var snapshot = ChangeDetector.Detect(null, Records.Outbound(status: before), Live).Snapshot;

        var result = ChangeDetector.Detect(snapshot, Records.Outbound(status: after, updatedAt: "2025-10-16 11:13:00"), Live);

        Assert.Empty(result.Events);
        Assert.Equal(1, result.BackwardSteps);
        Assert.Equal(before, result.Snapshot!.Status);
    }

    [Fact]
    public void Detect_BackwardThenForwardAgain_EmitsOnlyNewProgress()
    {
        var read = ChangeDetector.Detect(null, Records.Outbound(status: "read"), Live).Snapshot;
        var back = ChangeDetector.Detect(read, Records.Outbound(status: "delivered", updatedAt: "2025-10-16 11:13:00"), Live).Snapshot;

        var again = ChangeDetector.Detect(back, Records.Outbound(status: "read", updatedAt: "2025-10-16 11:14:00"), Live);

        Assert.Empty(again.Events);
    }

    [Fact]
    public void Detect_Failed_CarriesRemarkAsReasonAndNoFieldUpdate()
    {
        var snapshot = ChangeDetector.Detect(null, Records.Outbound(status: "sent"), Live).Snapshot;
        var failed = Records.Outbound(status: "failed", updatedAt: "2025-10-16 11:11:30").With(r => r.Remark = "131026: Message undeliverable");

        var result = ChangeDetector.Detect(snapshot, failed, Live);

        var changed = Assert.IsType<ChatMessageStatusChanged>(Assert.Single(result.Events));
        Assert.Equal("131026: Message undeliverable", changed.FailureReason);
        Assert.False(changed.Inferred);
    }

    [Fact]
    public void Detect_UnknownStatusTransitions_EmittedAsPlainChanges()
    {
        var snapshot = ChangeDetector.Detect(null, Records.Outbound(status: "sent"), Live).Snapshot;

        var toUnknown = ChangeDetector.Detect(snapshot, Records.Outbound(status: "deleted", updatedAt: "2025-10-16 11:12:00"), Live);
        var fromUnknown = ChangeDetector.Detect(toUnknown.Snapshot, Records.Outbound(status: "read", updatedAt: "2025-10-16 11:13:00"), Live);

        var first = Assert.IsType<ChatMessageStatusChanged>(Assert.Single(toUnknown.Events));
        Assert.Equal(("sent", "deleted", false), (first.PreviousStatus, first.Status, first.Inferred));
        var second = Assert.IsType<ChatMessageStatusChanged>(Assert.Single(fromUnknown.Events));
        Assert.Equal(("deleted", "read", false), (second.PreviousStatus, second.Status, second.Inferred));
    }

    [Theory]
    [InlineData(null, "👍", ReactionChange.Added)]
    [InlineData("👍", "❤️", ReactionChange.Changed)]
    [InlineData("👍", "👍🏽", ReactionChange.Changed)]
    [InlineData("👨‍👩‍👧", null, ReactionChange.Removed)]
    [InlineData("👍", "", ReactionChange.Removed)]
    public void Detect_ReactionChange_EmitsReactionEvent(string? before, string? after, ReactionChange expected)
    {
        var snapshot = ChangeDetector.Detect(null, Records.Outbound().With(r => r.UserEmoji = before), Live).Snapshot;
        var changedRecord = Records.Outbound(updatedAt: "2025-10-16 11:20:00").With(r => r.UserEmoji = after);

        var result = ChangeDetector.Detect(snapshot, changedRecord, Live);

        var reaction = Assert.IsType<ChatMessageReactionChanged>(Assert.Single(result.Events));
        Assert.Equal(expected, reaction.Change);
        Assert.Equal(before, reaction.PreviousEmoji);
        Assert.Equal(string.IsNullOrEmpty(after) ? null : after, reaction.Emoji);
        Assert.Equal(EventIds.Reaction("1", changedRecord.Id!, "2025-10-16 11:20:00", reaction.Emoji), reaction.EventId);
    }

    [Fact]
    public void Detect_SameReactionAgainLater_GetsDistinctId()
    {
        var added = ChangeDetector.Detect(null, Records.Outbound().With(r => r.UserEmoji = null), Live).Snapshot;
        var first = ChangeDetector.Detect(added, Records.Outbound(updatedAt: "2025-10-16 11:20:00").With(r => r.UserEmoji = "👍"), Live);
        var removed = ChangeDetector.Detect(first.Snapshot, Records.Outbound(updatedAt: "2025-10-16 11:21:00"), Live);

        var second = ChangeDetector.Detect(removed.Snapshot, Records.Outbound(updatedAt: "2025-10-16 11:22:00").With(r => r.UserEmoji = "👍"), Live);

        Assert.NotEqual(first.Events[0].EventId, second.Events[0].EventId);
        Assert.Equal(4, second.Events[0].Version);
    }

    [Fact]
    public void Detect_OtherFieldsChange_EmitsOneUpdateNamingFieldsAndValues()
    {
        var snapshot = ChangeDetector.Detect(null, Records.Outbound(), Live).Snapshot;
        var renamed = Records.Outbound(updatedAt: "2025-10-16 11:30:00").With(r =>
        {
            r.CustomerName = "أحمد";
            r.AgentId = "708";
        });

        var result = ChangeDetector.Detect(snapshot, renamed, Live);

        var updated = Assert.IsType<ChatMessageUpdated>(Assert.Single(result.Events));
        Assert.Equal(
            [("customer_name", "أحمد"), ("agent_id", "708")],
            updated.Changes.Select(c => (c.Field, c.Value)).OrderByDescending(c => c.Field).ToArray());
        Assert.Equal(EventIds.Updated("1", renamed.Id!, "2025-10-16 11:30:00", ["agent_id", "customer_name"]), updated.EventId);
    }

    [Fact]
    public void Detect_TemplateComponentChanges_EmitsUpdateWithTemplateJson()
    {
        var template = new ChatRecordTemplate { Name = "hi", Components = [new ChatRecordTemplateComponent { Type = "BODY", Text = "hi" }] };
        var snapshot = ChangeDetector.Detect(null, Records.Outbound().With(r => r.Template = template), Live).Snapshot;
        var changedTemplate = new ChatRecordTemplate { Name = "hi", Components = [new ChatRecordTemplateComponent { Type = "BODY", Text = "hello" }] };

        var result = ChangeDetector.Detect(snapshot, Records.Outbound(updatedAt: "2025-10-16 11:31:00").With(r => r.Template = changedTemplate), Live);

        var change = Assert.Single(Assert.IsType<ChatMessageUpdated>(Assert.Single(result.Events)).Changes);
        Assert.Equal("template", change.Field);
        Assert.Contains("\"hello\"", change.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Detect_MediaLinkReissued_IsNotAChange()
    {
        var snapshot = ChangeDetector.Detect(null, Records.Outbound().With(r => r.MediaLink = "https://x/1?Expires=1"), Live).Snapshot;

        var result = ChangeDetector.Detect(snapshot, Records.Outbound().With(r => r.MediaLink = "https://x/1?Expires=2"), Live);

        Assert.Empty(result.Events);
    }

    [Fact]
    public void Detect_StatusReactionAndFieldsAtOnce_EmitsInOrderWithGrowingVersions()
    {
        var snapshot = ChangeDetector.Detect(null, Records.Outbound(status: "sent"), Live).Snapshot;
        var record = Records.Outbound(status: "read", updatedAt: "2025-10-16 11:40:00").With(r =>
        {
            r.UserEmoji = "🙏";
            r.CustomerName = "Bob";
        });

        var result = ChangeDetector.Detect(snapshot, record, Live);

        Assert.Equal(
            [typeof(ChatMessageStatusChanged), typeof(ChatMessageStatusChanged), typeof(ChatMessageReactionChanged), typeof(ChatMessageUpdated)],
            result.Events.Select(e => e.GetType()).ToArray());
        Assert.Equal([2L, 3L, 4L, 5L], result.Events.Select(e => e.Version).ToArray());
        Assert.Equal(5, result.Snapshot!.Version);
    }

    [Theory]
    [InlineData(null, "2025-10-16 11:11:02", "the record has no id")]
    [InlineData("1", null, "the record has no updated_at")]
    [InlineData("1", "2025-10-16T11:11:02", "updated_at is not yyyy-MM-dd HH:mm:ss")]
    [InlineData("1", "2025-02-30 11:11:02", "updated_at is not yyyy-MM-dd HH:mm:ss")]
    public void Detect_UnreadableRecord_IsRejectedWithReason(string? id, string? updatedAt, string reason)
    {
        var record = Records.Outbound().With(r =>
        {
            r.Id = id;
            r.UpdatedAt = updatedAt;
        });

        var result = ChangeDetector.Detect(null, record, Live);

        Assert.True(result.IsRejected);
        Assert.Equal(reason, result.RejectReason);
        Assert.Empty(result.Events);
    }

    [Fact]
    public void Detect_SnapshotContext_LabelsCreatedAsSnapshot()
    {
        var context = Live with { OriginOfNew = ChangeOrigin.Snapshot };

        var created = (ChatMessageCreated)ChangeDetector.Detect(null, Records.Outbound(), context).Events[0];

        Assert.Equal(ChangeOrigin.Snapshot, created.Origin);
    }

    [Fact]
    public void Detect_LiveRecordOlderThanTrackedHistory_LabelsCreatedAsBackfill()
    {
        var context = Live with { HistoricalBefore = new DateTimeOffset(2025, 11, 1, 0, 0, 0, TimeSpan.Zero) };

        var created = (ChatMessageCreated)ChangeDetector.Detect(null, Records.Outbound(), context).Events[0];

        Assert.Equal(ChangeOrigin.Backfill, created.Origin);
    }

    [Fact]
    public void Detect_LivePollMeetsARecordCreatedBeforeTheSnapshotCutoff_LabelsItSnapshotEvenWhenOlderThanTrackedHistory()
    {
        var context = Live with { SnapshotBefore = RecordCreatedAt.AddSeconds(1), HistoricalBefore = RecordCreatedAt.AddDays(1) };

        var created = (ChatMessageCreated)ChangeDetector.Detect(null, Records.Outbound(), context).Events[0];

        Assert.Equal(ChangeOrigin.Snapshot, created.Origin);
    }

    [Fact]
    public void Detect_LivePollMeetsARecordCreatedAfterTheSnapshotCutoff_LabelsItLive()
    {
        var context = Live with { SnapshotBefore = RecordCreatedAt.AddSeconds(-1) };

        var created = (ChatMessageCreated)ChangeDetector.Detect(null, Records.Outbound(), context).Events[0];

        Assert.Equal(ChangeOrigin.Live, created.Origin);
    }

    [Fact]
    public void Detect_MediaRecord_ReadsLinkExpiry()
    {
        var record = Records.Outbound().With(r =>
        {
            r.MessageType = "image";
            r.FileName = "樱花.jpg";
            r.MimeType = "image/jpeg";
            r.MediaLink = "https://xxxxxxx.com/23?Expires=1760597396&";
        });

        var created = (ChatMessageCreated)ChangeDetector.Detect(null, record, Live).Events[0];

        Assert.Equal("樱花.jpg", created.Media!.FileName);
        Assert.Equal("image/jpeg", created.Media.MimeType);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1760597396), created.Media.LinkExpiresAt);
        Assert.Equal(TimeSpan.FromHours(8), created.Media.LinkExpiresAt!.Value.Offset);
    }
}
