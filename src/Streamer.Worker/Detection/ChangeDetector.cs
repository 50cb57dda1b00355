using Streamer.Contracts;
using Streamer.Nxlink;

namespace Streamer.Worker.Detection;

/// <summary>
/// The heart of the stream, and a pure function: (what we remembered of a record, the record as the API
/// shows it now) -> the events that happened in between, in order, and what to remember next.
/// </summary>
public static class ChangeDetector
{
    private static readonly ChatMessageEvent[] None = [];

    /// <summary>Compares <paramref name="record"/> with <paramref name="previous"/> (null: never seen).</summary>
    public static DetectionResult Detect(RecordSnapshot? previous, ChatRecord record, DetectionContext context)
    {
        if (RecordIds.Problem(record.Id) is { } idWrong)
        {
            return DetectionResult.Rejected(idWrong);
        }

        // Both are kept as text in the state, which PostgreSQL refuses with a NUL in it.
        if (record.Status?.Contains('\0', StringComparison.Ordinal) == true || record.UserEmoji?.Contains('\0', StringComparison.Ordinal) == true)
        {
            return DetectionResult.Rejected("status or user_emoji holds a NUL character");
        }

        // Timestamps are checked here but put in the zone (the costly part) only when an event needs them:
        // an unchanged record needs neither, a changed one only updated_at.
        if (!NxlinkTime.TryParseLocal(record.UpdatedAt, out var updatedLocal))
        {
            return DetectionResult.Rejected(record.UpdatedAt is null ? "the record has no updated_at" : "updated_at is not yyyy-MM-dd HH:mm:ss");
        }

        var createdLocal = default(DateTime);
        if (record.CreatedAt is not null && !NxlinkTime.TryParseLocal(record.CreatedAt, out createdLocal))
        {
            return DetectionResult.Rejected("created_at is not yyyy-MM-dd HH:mm:ss");
        }

        // A timestamp that cannot be true is a lying field, not a state to remember.
        if (RecordTimestamps.Check("updated_at", updatedLocal, context) is { } updatedWrong)
        {
            return DetectionResult.Rejected(updatedWrong);
        }

        if (record.CreatedAt is not null && RecordTimestamps.Check("created_at", createdLocal, context) is { } createdWrong)
        {
            return DetectionResult.Rejected(createdWrong);
        }

        Span<ulong> hashes = stackalloc ulong[RecordFields.Count];
        RecordFields.Hash(record, hashes);
        var status = NullIfEmpty(record.Status);
        var emoji = NullIfEmpty(record.UserEmoji);

        if (previous is null)
        {
            DateTimeOffset? createdAt = record.CreatedAt is null ? null : NxlinkTime.FromLocal(createdLocal, context.TimeZone);
            var firstSeen = NxlinkTime.FromLocal(updatedLocal, context.TimeZone);
            var created = EventMapper.Created(record, context, firstSeen, createdAt);
            return new([created], Remember(record, firstSeen, status, emoji, 1, hashes.ToArray()), 0, null);
        }

        var fieldsChanged = !hashes.SequenceEqual(previous.FieldHashes);
        if (!fieldsChanged && status == previous.Status && emoji == previous.Emoji)
        {
            // Unchanged (the common case in every re-scan): no allocation at all.
            return new(None, previous, 0, null);
        }

        var updatedAt = NxlinkTime.FromLocal(updatedLocal, context.TimeZone);

        // At most four events (two status steps, a reaction, an update): gathered on the stack, then kept
        // in an array of the exact size rather than a list.
        var buffer = default(EventBuffer);
        Span<ChatMessageEvent> events = buffer;
        var count = 0;
        var version = previous.Version;
        var (rememberedStatus, backward) = StatusEvents(previous, status, record, context, updatedAt, events, ref count, ref version);

        if (emoji != previous.Emoji)
        {
            events[count++] = EventMapper.Reaction(record, context, updatedAt, ++version, previous.Emoji, emoji);
        }

        if (fieldsChanged)
        {
            // A failure's remark travels with the status event, not as an update.
            var failedNow = MessageStatusText.Parse(status) == MessageStatus.Failed && MessageStatusText.Parse(previous.Status) != MessageStatus.Failed;
            var changes = FieldChanges(record, hashes, previous.FieldHashes, failedNow ? RecordFields.RemarkIndex : -1);
            if (changes.Length > 0)
            {
                events[count++] = EventMapper.Updated(record, context, updatedAt, ++version, changes);
            }
        }

        var snapshot = Remember(record, updatedAt, rememberedStatus, emoji, version, fieldsChanged ? hashes.ToArray() : previous.FieldHashes);
        return new(count == 0 ? None : events[..count].ToArray(), snapshot, backward, null);
    }

    // The tracked fields whose hash differs, in tracked order, except the one at index skip.
    private static ChatFieldChange[] FieldChanges(ChatRecord record, ReadOnlySpan<ulong> hashes, ReadOnlySpan<ulong> before, int skip)
    {
        var count = 0;
        for (var i = 0; i < hashes.Length; i++)
        {
            if (hashes[i] != before[i] && i != skip)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return [];
        }

        var changes = new ChatFieldChange[count];
        var next = 0;
        for (var i = 0; i < hashes.Length; i++)
        {
            if (hashes[i] != before[i] && i != skip)
            {
                var field = RecordFields.Tracked[i];
                changes[next++] = new ChatFieldChange { Field = field.Name, Value = field.Read(record) };
            }
        }

        return changes;
    }

    // Statuses only move forward. Skipped steps are emitted as inferred; a step backwards is not emitted
    // and the remembered status stays the highest reached, so a flapping API cannot produce duplicates.
    private static (string? Remembered, int Backward) StatusEvents(
        RecordSnapshot previous,
        string? status,
        ChatRecord record,
        DetectionContext context,
        DateTimeOffset updatedAt,
        Span<ChatMessageEvent> events,
        ref int count,
        ref long version)
    {
        var before = previous.Status;
        if (status == before)
        {
            return (before, 0);
        }

        var from = MessageStatusText.Parse(before);
        var to = MessageStatusText.Parse(status);
        if (status is null || from == MessageStatus.Failed || (IsStep(from) && IsStep(to) && to < from))
        {
            return (before, 1);
        }

        if (IsStep(from) && to is MessageStatus.Delivered or MessageStatus.Read)
        {
            for (var step = from + 1; step < to; step++)
            {
                var inferred = MessageStatusText.Of(step);
                events[count++] = EventMapper.Status(record, context, updatedAt, ++version, before, inferred, inferred: true);
                before = inferred;
            }
        }

        events[count++] = EventMapper.Status(record, context, updatedAt, ++version, before, status, inferred: false);
        return (status, 0);
    }

    // The forward steps, whose declaration order in MessageStatus is the order they happen in.
    private static bool IsStep(MessageStatus status) => status is MessageStatus.Sent or MessageStatus.Delivered or MessageStatus.Read;

    private static RecordSnapshot Remember(ChatRecord record, DateTimeOffset updatedAt, string? status, string? emoji, long version, ulong[] hashes) =>
        new(record.Id!, record.UpdatedAt!, updatedAt.ToUnixTimeSeconds(), status, emoji, version, hashes);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
