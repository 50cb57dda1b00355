namespace Streamer.Contracts.Tests;

/// <summary>
/// One event of every published type twice: <see cref="Full"/> with every property set (no null anywhere, lists
/// not empty, non-ASCII text and a non-UTC offset), and <see cref="Sparse"/> with the required members only
/// (every optional property null, or its default).
/// </summary>
public static class WireSamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 15, 0, 123, TimeSpan.FromHours(8));

    public static IReadOnlyList<object> Full =>
    [
        new ChatMessageCreated
        {
            EventId = Id(1), TenantId = "t1", Channel = 2, RecordId = "1186000000000000001", MessageId = "wamid.1",
            ConversationId = "c1", CustomerId = "cus1", OccurredAt = At, Version = 3, Origin = ChangeOrigin.Snapshot,
            Direction = ChatDirection.Inbound, ChatType = 1, MessageType = "template", Content = "héllo \U0001F44D \"quoted\"\n",
            From = "+8613800000000", To = "+8613900000000", CustomerName = "Zhāng Wěi", AgentId = "a1", AgentName = "Agent",
            AgentAccount = "agent@example.com", BusinessNumber = "+8613700000000", Status = "read", Emoji = "\U0001F525",
            ReplyToMessageId = "wamid.0", Remark = "131051: Unsupported message type",
            Media = new ChatMedia { FileName = "a.jpg", MimeType = "image/jpeg", Link = "https://media.example.com/a.jpg?Expires=1", LinkExpiresAt = At.AddHours(1) },
            Template = new ChatTemplate
            {
                Id = "tpl1", Name = "order_update", Language = "en_US", Category = "UTILITY", Status = "APPROVED",
                RejectedReason = "NONE", QualityScore = "GREEN", ParameterFormat = "POSITIONAL",
                Components =
                [
                    new ChatTemplateComponent
                    {
                        Type = "HEADER", Format = "IMAGE", Text = "Order {{1}}",
                        Example = new ChatTemplateExample
                        {
                            HeaderHandle = ["h1"], CustomHeaderHandleUrl = "https://media.example.com/h1", HeaderText = ["#1"],
                            BodyText = [["a", "b"], ["c"]],
                        },
                        Buttons =
                        [
                            new ChatTemplateButton
                            {
                                Type = "URL", Text = "Track", Url = "https://example.com/{{1}}", PhoneNumber = "+1",
                                Example = ["https://example.com/1"], FlowId = "f1", FlowAction = "navigate", NavigateScreen = "S1",
                            },
                        ],
                    },
                ],
            },
            CreatedAt = At.AddSeconds(-5),
        },
        new ChatMessageStatusChanged
        {
            EventId = Id(2), TenantId = "t1", Channel = 2, RecordId = "r2", MessageId = "wamid.2", ConversationId = "c1",
            CustomerId = "cus1", OccurredAt = At, Version = 4, PreviousStatus = "delivered", Status = "failed", Inferred = true,
            FailureReason = "131026: Receiver incapable", Origin = ChangeOrigin.Backfill,
        },
        new ChatMessageReactionChanged
        {
            EventId = Id(3), TenantId = "t1", Channel = 2, RecordId = "r3", MessageId = "wamid.3", ConversationId = "c1",
            CustomerId = "cus1", OccurredAt = At, Version = 5, Change = ReactionChange.Changed, PreviousEmoji = "\U0001F44D", Emoji = "❤️",
            Origin = ChangeOrigin.Live,
        },
        new ChatMessageUpdated
        {
            EventId = Id(4), TenantId = "t1", Channel = 2, RecordId = "r4", MessageId = "wamid.4", ConversationId = "c1",
            CustomerId = "cus1", OccurredAt = At, Version = 6,
            Changes = [new ChatFieldChange { Field = "agent_id", Value = "a2" }, new ChatFieldChange { Field = "remark", Value = "x" }],
            Origin = ChangeOrigin.Live,
        },
        new ChatRecordRejected
        {
            EventId = Id(5), TenantId = "t1", Account = "main", RecordId = "r5", Reason = "created_at before 2000",
            RawJson = "{\"id\":\"r5\",\"created_at\":\"1970-01-01 00:00:00\"}", ObservedAt = At,
        },
        new ChatMediaArchived
        {
            EventId = Id(6), TenantId = "t1", Account = "main", RecordId = "r6", MessageId = "wamid.6", ConversationId = "c1",
            FileName = "a.jpg", MimeType = "image/jpeg", Size = 12345, Sha256 = new string('a', 64),
            Location = "file:///media/aa/aa/" + new string('a', 64), ArchivedAt = At,
        },
        new ChatMediaArchiveFailed
        {
            EventId = Id(7), TenantId = "t1", Account = "main", RecordId = "r7", MessageId = "wamid.7", ConversationId = "c1",
            FileName = "b.pdf", MimeType = "application/pdf", Reason = MediaArchiveFailure.TooLarge, Detail = "over 100 MiB",
            Attempts = 2, FailedAt = At,
        },
    ];

    public static IReadOnlyList<object> Sparse =>
    [
        new ChatMessageCreated
        {
            EventId = Id(11), TenantId = "t1", Channel = 2, RecordId = "r11", OccurredAt = At, Version = 1,
            Origin = ChangeOrigin.Live, Direction = ChatDirection.Unknown,
        },
        new ChatMessageCreated
        {
            // Nested records with their own nulls, and lists left at their defaults.
            EventId = Id(12), TenantId = "t1", Channel = 2, RecordId = "r12", OccurredAt = At, Version = 1,
            Origin = ChangeOrigin.Backfill, Direction = ChatDirection.System, Media = new ChatMedia(),
            Template = new ChatTemplate { Components = [new ChatTemplateComponent { Example = new ChatTemplateExample(), Buttons = [new ChatTemplateButton()] }] },
        },
        new ChatMessageStatusChanged { EventId = Id(13), TenantId = "t1", Channel = 2, RecordId = "r13", OccurredAt = At, Version = 2, Status = "sent" },
        new ChatMessageReactionChanged { EventId = Id(14), TenantId = "t1", Channel = 2, RecordId = "r14", OccurredAt = At, Version = 2, Change = ReactionChange.Removed },
        new ChatMessageUpdated
        {
            EventId = Id(15), TenantId = "t1", Channel = 2, RecordId = "r15", OccurredAt = At, Version = 2,
            Changes = [new ChatFieldChange { Field = "remark" }],
        },
        new ChatRecordRejected { EventId = Id(16), TenantId = "t1", Account = "main", Reason = "unreadable", RawJson = string.Empty, ObservedAt = At },
        new ChatMediaArchived
        {
            EventId = Id(17), TenantId = "t1", Account = "main", RecordId = "r17", MimeType = "image/png", Size = 0,
            Sha256 = new string('b', 64), Location = "file:///m", ArchivedAt = At,
        },
        new ChatMediaArchiveFailed
        {
            EventId = Id(18), TenantId = "t1", Account = "main", RecordId = "r18", Reason = MediaArchiveFailure.LinkExpired,
            Detail = "HTTP 403", Attempts = 1, FailedAt = At,
        },
    ];

    private static Guid Id(int n) => new($"00000000-0000-5000-8000-{n:D12}");
}
