using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Streamer.Contracts;

namespace Streamer.Samples.Analytics;

/// <summary>In-memory counts of the stream. Order does not matter for counting; duplicates do, so they are dropped by EventId.</summary>
public sealed class EventCounters(IOptions<AnalyticsOptions> options)
{
    private readonly RecentIds seen = new(options.Value.DeduplicationWindow);
    private readonly ConcurrentDictionary<string, long> byType = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> byDirection = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> byStatus = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> byHour = new(StringComparer.Ordinal);
    private long events;
    private long duplicates;

    /// <summary>Distinct events counted so far.</summary>
    public long Events => Interlocked.Read(ref events);

    /// <summary>Deliveries dropped as duplicates so far.</summary>
    public long Duplicates => Interlocked.Read(ref duplicates);

    /// <summary>Counts a chat message event; false when its EventId was already counted.</summary>
    public bool Count(ChatMessageEvent e)
    {
        if (!Distinct(e.EventId, e.GetType().Name, e.OccurredAt))
        {
            return false;
        }

        switch (e)
        {
            case ChatMessageCreated created:
                Increment(byDirection, created.Direction.ToString());
                if (created.Status is { } initial)
                {
                    Increment(byStatus, initial);
                }

                break;
            case ChatMessageStatusChanged changed:
                Increment(byStatus, changed.Status);
                break;
        }

        return true;
    }

    /// <summary>Counts a rejected record (by type and hour only); false when already counted.</summary>
    public bool Count(ChatRecordRejected e) => Distinct(e.EventId, nameof(ChatRecordRejected), e.ObservedAt);

    /// <summary>The counts now.</summary>
    public CountsSnapshot Snapshot() =>
        new(Events, Duplicates, Sorted(byType), Sorted(byDirection), Sorted(byStatus), Sorted(byHour));

    private bool Distinct(Guid eventId, string type, DateTimeOffset at)
    {
        if (!seen.TryAdd(eventId))
        {
            Interlocked.Increment(ref duplicates);
            return false;
        }

        Interlocked.Increment(ref events);
        Increment(byType, type);
        Increment(byHour, at.UtcDateTime.ToString("yyyy-MM-dd'T'HH':00Z'", CultureInfo.InvariantCulture));
        return true;
    }

    private static void Increment(ConcurrentDictionary<string, long> counts, string key) =>
        counts.AddOrUpdate(key, 1, static (_, n) => n + 1);

    private static SortedDictionary<string, long> Sorted(ConcurrentDictionary<string, long> counts) =>
        new(counts.ToDictionary(), StringComparer.Ordinal);
}
