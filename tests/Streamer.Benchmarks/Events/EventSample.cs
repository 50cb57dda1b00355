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
        using var http = new HttpClient();
        var client = new NxlinkClient(http, TimeProvider.System);
        var account = simulator.Account;
        var now = DateTimeOffset.UtcNow;
        var query = new ChatRecordsQuery { StartTime = now.AddDays(-1), EndTime = now, Ascending = true, PageSize = NxlinkHeaders.MaxPageSize };
        var records = new List<ChatRecord>(count);
        for (var page = 1; records.Count < count; page++)
        {
            var list = (await client.GetPageAsync(account, query with { PageNumber = page }, CancellationToken.None)).List ?? [];
            if (list.Count == 0)
            {
                break;
            }

            records.AddRange(list.Take(count - records.Count));
        }

        var context = new DetectionContext(BenchSimulator.TenantId, account.TimeZone, ChangeOrigin.Snapshot);
        var events = records.Select(r => ChangeDetector.Detect(null, r, context).Events.Single()).ToList();
        return new EventSample(records, events);
    }
}
