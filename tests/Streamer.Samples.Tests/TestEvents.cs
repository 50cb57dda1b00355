using Streamer.Contracts;

namespace Streamer.Samples.Tests;

/// <summary>Contract events as the worker builds them, with fresh ids and a fixed tenant.</summary>
public static class TestEvents
{
    public const string Tenant = "1";

    /// <summary>A fixed instant (UTC+8, like the demo account) so hour buckets are predictable.</summary>
    public static readonly DateTimeOffset At = new(2026, 11, 24, 10, 15, 0, TimeSpan.FromHours(8));

    public static string MessageIdOf(string recordId) => $"wamid.{recordId}";

    public static ChatMessageCreated Created(
        string recordId,
        string? status = null,
        ChatDirection direction = ChatDirection.Outbound,
        long version = 1,
        TimeSpan? after = null) => new()
        {
            EventId = Guid.NewGuid(),
            TenantId = Tenant,
            Channel = 2,
            RecordId = recordId,
            MessageId = MessageIdOf(recordId),
            ConversationId = "c-1",
            CustomerId = "cus-1",
            OccurredAt = At + (after ?? TimeSpan.Zero),
            Version = version,
            Origin = ChangeOrigin.Live,
            Direction = direction,
            ChatType = (int)direction,
            MessageType = "text",
            Content = "hello",
            Status = status,
        };

    public static ChatMessageStatusChanged Status(
        string recordId,
        long version,
        string? previous,
        string status,
        string? failureReason = null,
        TimeSpan? after = null) => new()
        {
            EventId = Guid.NewGuid(),
            TenantId = Tenant,
            Channel = 2,
            RecordId = recordId,
            MessageId = MessageIdOf(recordId),
            OccurredAt = At + (after ?? TimeSpan.FromSeconds(version)),
            Version = version,
            PreviousStatus = previous,
            Status = status,
            FailureReason = failureReason,
        };

    public static ChatMessageReactionChanged Reaction(string recordId, long version, string? emoji = "\U0001F44D") => new()
    {
        EventId = Guid.NewGuid(),
        TenantId = Tenant,
        Channel = 2,
        RecordId = recordId,
        MessageId = MessageIdOf(recordId),
        OccurredAt = At + TimeSpan.FromSeconds(version),
        Version = version,
        Change = ReactionChange.Added,
        Emoji = emoji,
    };

    public static ChatMessageUpdated Updated(string recordId, long version) => new()
    {
        EventId = Guid.NewGuid(),
        TenantId = Tenant,
        Channel = 2,
        RecordId = recordId,
        MessageId = MessageIdOf(recordId),
        OccurredAt = At + TimeSpan.FromSeconds(version),
        Version = version,
        Changes = [new ChatFieldChange { Field = "customer_name", Value = "Li Wei" }],
    };

    public static ChatRecordRejected Rejected(string? recordId = null) => new()
    {
        EventId = Guid.NewGuid(),
        TenantId = Tenant,
        Account = "demo",
        RecordId = recordId,
        Reason = "updated_at is not yyyy-MM-dd HH:mm:ss",
        RawJson = """{"id":"x","updated_at":"soon"}""",
        ObservedAt = At,
    };
}
