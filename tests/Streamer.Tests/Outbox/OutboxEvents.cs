using Streamer.Contracts;
using Streamer.Tests.Detection;
using Streamer.Worker.Detection;
using Streamer.Worker.Outbox;

namespace Streamer.Tests.Outbox;

/// <summary>Real detector events for outbox tests: per record, created as sent, then delivered, then read.</summary>
internal static class OutboxEvents
{
    private static readonly DetectionContext Context = new("1", TimeZoneInfo.Utc, ChangeOrigin.Live);

    /// <summary>The events of <paramref name="records"/> records, each record's in its order.</summary>
    public static List<List<ChatMessageEvent>> ByRecord(int records)
    {
        var all = new List<List<ChatMessageEvent>>();
        for (var i = 0; i < records; i++)
        {
            var record = Records.Outbound(id: $"r{i}");
            var created = ChangeDetector.Detect(null, record, Context);
            var delivered = ChangeDetector.Detect(created.Snapshot, record.With(r => { r.Status = "delivered"; r.UpdatedAt = "2025-10-16 11:12:00"; }), Context);
            var read = ChangeDetector.Detect(delivered.Snapshot, record.With(r => { r.Status = "read"; r.UpdatedAt = "2025-10-16 11:13:00"; }), Context);
            all.Add([.. created.Events, .. delivered.Events, .. read.Events]);
        }

        return all;
    }

    /// <summary>The entries of one commit holding the <paramref name="step"/>-th event of every record.</summary>
    public static List<OutboxEntry> Step(List<List<ChatMessageEvent>> byRecord, int step) =>
        byRecord.Select(events => OutboxCodec.Encode("a", events[step])).ToList();

    /// <summary>The entries of one commit holding every event of every record, a record's events together.</summary>
    public static List<OutboxEntry> All(List<List<ChatMessageEvent>> byRecord) =>
        byRecord.SelectMany(events => events.Select(e => OutboxCodec.Encode("a", e))).ToList();

    /// <summary>True when, for every record, the first delivery of each event id comes in the record's event order.</summary>
    public static bool InRecordOrder(IReadOnlyList<object> delivered, List<List<ChatMessageEvent>> byRecord)
    {
        var firsts = new List<Guid>();
        var seen = new HashSet<Guid>();
        foreach (var message in delivered.OfType<ChatMessageEvent>())
        {
            if (seen.Add(message.EventId))
            {
                firsts.Add(message.EventId);
            }
        }

        var position = firsts.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        return byRecord.All(events => events.Select(e => position.GetValueOrDefault(e.EventId, -1)).Zip(events.Skip(1).Select(e => position.GetValueOrDefault(e.EventId, -1))).All(p => p.First >= 0 && p.First < p.Second));
    }
}
