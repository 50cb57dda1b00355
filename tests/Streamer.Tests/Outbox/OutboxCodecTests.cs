using System.Text.Json;
using Streamer.Contracts;
using Streamer.Worker.Outbox;

namespace Streamer.Tests.Outbox;

public sealed class OutboxCodecTests
{
    [Fact]
    public void Decode_EveryEventTypeFromItsBytes_EqualsTheEncodedEvent()
    {
        var events = OutboxEvents.ByRecord(1)[0];
        var updated = new ChatMessageUpdated
        {
            EventId = Guid.NewGuid(),
            TenantId = "1",
            Channel = 2,
            RecordId = "r",
            OccurredAt = DateTimeOffset.UnixEpoch,
            Version = 3,
            Changes = [new ChatFieldChange { Field = "content", Value = "x" }],
        };
        var reaction = new ChatMessageReactionChanged
        {
            EventId = Guid.NewGuid(),
            TenantId = "1",
            Channel = 2,
            RecordId = "r",
            OccurredAt = DateTimeOffset.UnixEpoch,
            Version = 4,
            Change = ReactionChange.Added,
            Emoji = "👍",
        };

        foreach (var message in events.Append(updated).Append(reaction))
        {
            var entry = OutboxCodec.Encode("a", message);
            var fromStore = new OutboxEntry(entry.Account, entry.OrderKey, entry.EventId, entry.Type, entry.Body, message: null);

            var decoded = OutboxCodec.Decode(fromStore);

            Assert.IsType(message.GetType(), decoded);
            Assert.Equal(JsonSerializer.Serialize(message, message.GetType()), JsonSerializer.Serialize(decoded, decoded.GetType()));
            Assert.Equal(message.RecordId, entry.OrderKey);
            Assert.Equal(message.EventId, entry.EventId);
        }
    }

    [Fact]
    public void Decode_Rejection_RoundTrips()
    {
        var rejected = new ChatRecordRejected { EventId = Guid.NewGuid(), TenantId = "1", Account = "a", RecordId = "r", Reason = "why", RawJson = "{}", ObservedAt = DateTimeOffset.UnixEpoch };
        var entry = OutboxCodec.Encode("a", rejected);

        var decoded = OutboxCodec.Decode(new OutboxEntry(entry.Account, entry.OrderKey, entry.EventId, entry.Type, entry.Body, message: null));

        Assert.Equal(rejected, decoded);
    }

    [Fact]
    public void Decode_UnknownType_ThrowsInvalidData()
    {
        var entry = new OutboxEntry("a", "r", Guid.NewGuid(), "Nope", "{}"u8.ToArray(), message: null);

        Assert.Throws<InvalidDataException>(() => OutboxCodec.Decode(entry));
    }
}
