using Streamer.Benchmarks.Infrastructure;
using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.Detection;

namespace Streamer.Benchmarks.Events;

/// <summary>
/// Real records and the events the stream makes of them: read from the simulator through the worker's own
/// client, turned into events by the worker's own detector. Benchmarks (a), (b) and (d) use them, so every
/// publisher sends the same messages the stream sends while it drains a backlog (creations).
/// </summary>
public sealed class EventSample
{
    private EventSample(IReadOnlyList<ChatRecord> records, IReadOnlyList<ChatMessageEvent> events)
    {
        Records = records;
        Events = events;
    }

    /// <summary>The records, as the API sent them.</summary>
    public IReadOnlyList<ChatRecord> Records { get; }

    /// <summary>One <see cref="ChatMessageCreated"/> per record.</summary>
    public IReadOnlyList<ChatMessageEvent> Events { get; }

    /// <summary>Reads the oldest <paramref name="count"/> records of the simulator's backlog.</summary>
    public static async Task<EventSample> ReadAsync(BenchSimulator simulator, int count)
    {
        var records = new List<ChatRecord>(count);
        await foreach (var list in BacklogPages.ReadAsync(simulator.Account))
        {
            records.AddRange(list.Take(count - records.Count));
            if (records.Count >= count)
            {
                break;
            }
        }

        var context = SnapshotContext(simulator.Account);
        var events = records.Select(r => (ChatMessageEvent)Creation(r, context)).ToList();
        return new EventSample(records, events);
    }

    /// <summary>How a fresh worker's snapshot detects the records of <paramref name="account"/>.</summary>
    public static DetectionContext SnapshotContext(NxlinkAccount account) => new(BenchSimulator.TenantId, account.TimeZone, ChangeOrigin.Snapshot);

    /// <summary>The one event the worker's detector makes of a record it has not seen: its creation.</summary>
    public static ChatMessageCreated Creation(ChatRecord record, DetectionContext context) =>
        (ChatMessageCreated)ChangeDetector.Detect(null, record, context).Events.Single();
}
