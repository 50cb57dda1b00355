using Streamer.Contracts;
using Streamer.Nxlink;

namespace Streamer.Worker.Detection;

/// <summary>Builds contract events from API records.</summary>
public static class EventMapper
{
    /// <summary>A record seen for the first time (its timestamps already read by the detector).</summary>
    public static ChatMessageCreated Created(ChatRecord r, DetectionContext context, DateTimeOffset updatedAt, DateTimeOffset? createdAt) => new()
    {
        EventId = EventIds.Created(context.TenantId, r.Id!),
        TenantId = context.TenantId,
        Channel = r.Channel ?? 2,
        RecordId = r.Id!,
        MessageId = r.MessageId,
        ConversationId = r.ConversationId,
        CustomerId = r.CustomerId,
        OccurredAt = updatedAt,
        Version = 1,
        Origin = OriginOf(createdAt, context),
        Direction = r.ChatType switch
        {
            0 => ChatDirection.Outbound,
            1 => ChatDirection.Inbound,
            2 => ChatDirection.System,
            _ => ChatDirection.Unknown,
        },
        ChatType = r.ChatType,
        MessageType = r.MessageType,
        Content = r.Content,
        From = r.From,
        To = r.To,
        CustomerName = r.CustomerName,
        AgentId = r.AgentId,
        AgentName = r.AgentName,
        AgentAccount = r.AgentAccount,
        BusinessNumber = r.UserChannelId,
        Status = string.IsNullOrEmpty(r.Status) ? null : r.Status,
        Emoji = string.IsNullOrEmpty(r.UserEmoji) ? null : r.UserEmoji,
        ReplyToMessageId = r.Context,
        Remark = r.Remark,
        Media = Media(r, context.TimeZone),
        Template = Template(r.Template),
        CreatedAt = createdAt,
    };

    /// <summary>A status step.</summary>
    public static ChatMessageStatusChanged Status(
        ChatRecord r, DetectionContext context, DateTimeOffset updatedAt, long version, string? previous, string status, bool inferred) => new()
        {
            EventId = EventIds.Status(context.TenantId, r.Id!, status),
            TenantId = context.TenantId,
            Channel = r.Channel ?? 2,
            RecordId = r.Id!,
            MessageId = r.MessageId,
            ConversationId = r.ConversationId,
            CustomerId = r.CustomerId,
            OccurredAt = updatedAt,
            Version = version,
            PreviousStatus = previous,
            Status = status,
            Inferred = inferred,
            FailureReason = status == MessageStatusText.Failed ? r.Remark : null,
            Origin = OriginOfChange(context),
        };

    /// <summary>A reaction added, changed or removed.</summary>
    public static ChatMessageReactionChanged Reaction(
        ChatRecord r, DetectionContext context, DateTimeOffset updatedAt, long version, string? previous, string? emoji) => new()
        {
            EventId = EventIds.Reaction(context.TenantId, r.Id!, r.UpdatedAt!, emoji),
            TenantId = context.TenantId,
            Channel = r.Channel ?? 2,
            RecordId = r.Id!,
            MessageId = r.MessageId,
            ConversationId = r.ConversationId,
            CustomerId = r.CustomerId,
            OccurredAt = updatedAt,
            Version = version,
            Change = previous is null ? ReactionChange.Added : emoji is null ? ReactionChange.Removed : ReactionChange.Changed,
            PreviousEmoji = previous,
            Emoji = emoji,
            Origin = OriginOfChange(context),
        };

    /// <summary>Other fields changed.</summary>
    public static ChatMessageUpdated Updated(
        ChatRecord r, DetectionContext context, DateTimeOffset updatedAt, long version, IReadOnlyList<ChatFieldChange> changes) => new()
        {
            EventId = EventIds.Updated(context.TenantId, r.Id!, r.UpdatedAt!, changes),
            TenantId = context.TenantId,
            Channel = r.Channel ?? 2,
            RecordId = r.Id!,
            MessageId = r.MessageId,
            ConversationId = r.ConversationId,
            CustomerId = r.CustomerId,
            OccurredAt = updatedAt,
            Version = version,
            Changes = changes,
            Origin = OriginOfChange(context),
        };

    // By the record, not by when it was met: a live poll that first meets a record created before the
    // account's snapshot cut-off (it moved into a window late, or its page drifted) labels it Snapshot.
    private static ChangeOrigin OriginOf(DateTimeOffset? createdAt, DetectionContext context) => context.OriginOfNew switch
    {
        ChangeOrigin.Live when context.SnapshotBefore is { } cutoff && createdAt < cutoff => ChangeOrigin.Snapshot,
        ChangeOrigin.Live when context.HistoricalBefore is { } before && createdAt < before => ChangeOrigin.Backfill,
        _ => context.OriginOfNew,
    };

    // A change is seen happening between two observations of the stream, even during a snapshot; only a
    // backfill rebuilds changes from the record as it stands.
    private static ChangeOrigin OriginOfChange(DetectionContext context) =>
        context.OriginOfNew == ChangeOrigin.Backfill ? ChangeOrigin.Backfill : ChangeOrigin.Live;

    private static ChatMedia? Media(ChatRecord r, TimeZoneInfo zone)
    {
        if (r.FileName is null && r.MediaLink is null && r.MimeType is null)
        {
            return null;
        }

        return new ChatMedia
        {
            FileName = r.FileName,
            MimeType = r.MimeType,
            Link = r.MediaLink,
            LinkExpiresAt = LinkExpiry(r.MediaLink, zone),
        };
    }

    // Absent or unreadable means unknown.
    private static DateTimeOffset? LinkExpiry(string? link, TimeZoneInfo zone) =>
        MediaLinkExpiry.Of(link) is { } unix ? NxlinkTime.InZone(DateTimeOffset.FromUnixTimeSeconds(unix), zone) : null;

    private static ChatTemplate? Template(ChatRecordTemplate? t) => t is null ? null : new ChatTemplate
    {
        Id = t.Id,
        Name = t.Name,
        Language = t.Language,
        Category = t.Category,
        Status = t.Status,
        RejectedReason = t.RejectedReason,
        QualityScore = t.QualityScore?.Score,
        ParameterFormat = t.ParameterFormat,
        Components = t.Components?.Select(c => new ChatTemplateComponent
        {
            Type = c.Type,
            Format = c.Format,
            Text = c.Text,
            Example = c.Example is null ? null : new ChatTemplateExample
            {
                HeaderHandle = c.Example.HeaderHandle ?? [],
                CustomHeaderHandleUrl = c.Example.CustomHeaderHandleUrl,
                HeaderText = c.Example.HeaderText ?? [],
                BodyText = c.Example.BodyText?.Select(row => (IReadOnlyList<string>)row).ToList() ?? [],
            },
            Buttons = c.Buttons?.Select(b => new ChatTemplateButton
            {
                Type = b.Type,
                Text = b.Text,
                Url = b.Url,
                PhoneNumber = b.PhoneNumber,
                Example = b.Example ?? [],
                FlowId = b.FlowId,
                FlowAction = b.FlowAction,
                NavigateScreen = b.NavigateScreen,
            }).ToList() ?? [],
        }).ToList() ?? [],
    };
}
