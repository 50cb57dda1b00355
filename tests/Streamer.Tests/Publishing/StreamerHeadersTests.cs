using System.Diagnostics;
using MassTransit;
using MassTransit.Context;
using Streamer.Contracts;
using Streamer.Worker.Publishing;

namespace Streamer.Tests.Publishing;

public sealed class StreamerHeadersTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 10, 0, 0, TimeSpan.FromHours(8));

    public static TheoryData<ChangeOrigin, string> Origins => new()
    {
        { ChangeOrigin.Live, "Live" },
        { ChangeOrigin.Snapshot, "Snapshot" },
        { ChangeOrigin.Backfill, "Backfill" },
    };

    [Theory]
    [MemberData(nameof(Origins))]
    public void Apply_EveryMessageEventType_SetsOriginTenantAndRecord(ChangeOrigin origin, string expected)
    {
        ChatMessageEvent[] events =
        [
            new ChatMessageCreated { EventId = Guid.NewGuid(), TenantId = "t1", Channel = 2, RecordId = "r1", OccurredAt = At, Version = 1, Origin = origin, Direction = ChatDirection.Inbound },
            new ChatMessageStatusChanged { EventId = Guid.NewGuid(), TenantId = "t1", Channel = 2, RecordId = "r1", OccurredAt = At, Version = 2, Status = "read", Origin = origin },
            new ChatMessageReactionChanged { EventId = Guid.NewGuid(), TenantId = "t1", Channel = 2, RecordId = "r1", OccurredAt = At, Version = 3, Change = ReactionChange.Added, Origin = origin },
            new ChatMessageUpdated { EventId = Guid.NewGuid(), TenantId = "t1", Channel = 2, RecordId = "r1", OccurredAt = At, Version = 4, Changes = [], Origin = origin },
        ];

        foreach (var message in events)
        {
            var headers = Headers(message);

            Assert.Equal(expected, headers[StreamerHeaders.Origin]);
            Assert.Equal("t1", headers[StreamerHeaders.TenantId]);
            Assert.Equal("r1", headers[StreamerHeaders.RecordId]);
        }
    }

    [Fact]
    public void Apply_MessagesWithoutOrigin_SetTenantAndRecordOnly()
    {
        object[] messages =
        [
            new ChatRecordRejected { EventId = Guid.NewGuid(), TenantId = "t1", Account = "main", RecordId = "r5", Reason = "x", RawJson = "{}", ObservedAt = At },
            new ChatMediaArchived { EventId = Guid.NewGuid(), TenantId = "t1", Account = "main", RecordId = "r5", MimeType = "image/png", Size = 1, Sha256 = "aa", Location = "file:///m", ArchivedAt = At },
            new ChatMediaArchiveFailed { EventId = Guid.NewGuid(), TenantId = "t1", Account = "main", RecordId = "r5", Reason = MediaArchiveFailure.NotFound, Detail = "HTTP 404", Attempts = 1, FailedAt = At },

            // Published by a Streamer that did not set the origin yet (read back from an old outbox).
            new ChatMessageStatusChanged { EventId = Guid.NewGuid(), TenantId = "t1", Channel = 2, RecordId = "r5", OccurredAt = At, Version = 2, Status = "read" },
        ];

        foreach (var message in messages)
        {
            var headers = Headers(message);

            Assert.False(headers.ContainsKey(StreamerHeaders.Origin), message.GetType().Name);
            Assert.Equal("t1", headers[StreamerHeaders.TenantId]);
            Assert.Equal("r5", headers[StreamerHeaders.RecordId]);
        }
    }

    [Fact]
    public void Apply_RejectedWithoutRecordIdOrWithAnOverlongOne_LeavesTheRecordHeaderOut()
    {
        var without = new ChatRecordRejected { EventId = Guid.NewGuid(), TenantId = "t1", Account = "main", Reason = "no id", RawJson = "{}", ObservedAt = At };
        var overlong = without with { RecordId = new string('9', StreamerHeaders.MaxRecordIdLength + 1) };
        var longest = without with { RecordId = new string('9', StreamerHeaders.MaxRecordIdLength) };

        Assert.False(Headers(without).ContainsKey(StreamerHeaders.RecordId));
        Assert.False(Headers(overlong).ContainsKey(StreamerHeaders.RecordId));
        Assert.Equal(longest.RecordId, Headers(longest)[StreamerHeaders.RecordId]);
    }

    [Fact]
    public void Apply_WithinAnActivity_SetsItsW3CTraceContext_AndWithoutOneNone()
    {
        var message = new ChatMessageStatusChanged { EventId = Guid.NewGuid(), TenantId = "t1", Channel = 2, RecordId = "r1", OccurredAt = At, Version = 2, Status = "read", Origin = ChangeOrigin.Live };
        Assert.False(Headers(message).ContainsKey("traceparent"));

        using var activity = new Activity("publish").SetIdFormat(ActivityIdFormat.W3C);
        activity.TraceStateString = "vendor=1";
        activity.Start();
        var headers = Headers(message);

        Assert.Equal(activity.Id, headers["traceparent"]);
        Assert.StartsWith($"00-{activity.TraceId}-{activity.SpanId}-", (string)headers["traceparent"], StringComparison.Ordinal);
        Assert.Equal("vendor=1", headers["tracestate"]);
    }

    [Fact]
    public void NameOf_EveryOrigin_IsItsMemberName()
    {
        Assert.All(Enum.GetValues<ChangeOrigin>(), o => Assert.Equal(o.ToString(), StreamerHeaders.NameOf(o)));
        Assert.Equal("7", StreamerHeaders.NameOf((ChangeOrigin)7));
    }

    private static Dictionary<string, object> Headers(object message)
    {
        var context = (SendContext)Activator.CreateInstance(typeof(MessageSendContext<>).MakeGenericType(message.GetType()), message, CancellationToken.None)!;
        StreamerHeaders.Apply(context, message);
        return context.Headers.GetAll().ToDictionary(h => h.Key, h => h.Value);
    }
}
