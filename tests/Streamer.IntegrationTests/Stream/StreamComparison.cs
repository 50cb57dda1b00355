using System.Text;
using Streamer.Contracts;

namespace Streamer.IntegrationTests.Stream;

/// <summary>What reached the broker against what the ground truth says should have.</summary>
public sealed class StreamComparison
{
    private StreamComparison(IReadOnlyList<ExpectedEvent> expected, IReadOnlyCollection<Received> received)
    {
        var expectedIds = expected.Select(e => e.EventId).ToHashSet();
        var firstSeen = new Dictionary<Guid, ChatMessageEvent>();
        var arrival = new List<ChatMessageEvent>();
        foreach (var delivery in received)
        {
            if (firstSeen.TryAdd(delivery.Event.EventId, delivery.Event))
            {
                arrival.Add(delivery.Event);
            }
        }

        Missing = expected.Where(e => !firstSeen.ContainsKey(e.EventId)).ToList();
        Extra = arrival.Where(e => !expectedIds.Contains(e.EventId)).ToList();
        Deliveries = received.Count;
        Distinct = firstSeen.Count;
        MessageIdMismatches = received.Count(r => r.MessageId != r.Event.EventId);

        // Per record, the first arrival of each event must follow the ground truth's order, with growing versions.
        var expectedOrder = expected.GroupBy(e => e.RecordId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.Seq).Select(e => e.EventId).ToList());
        var arrivedOrder = arrival.Where(e => expectedIds.Contains(e.EventId)).GroupBy(e => e.RecordId).ToDictionary(g => g.Key, g => g.ToList());
        OutOfOrderRecords = arrivedOrder
            .Where(pair => !pair.Value.Select(e => e.EventId).SequenceEqual(expectedOrder[pair.Key].Where(firstSeen.ContainsKey)))
            .Select(pair => pair.Key)
            .ToList();
        VersionRegressions = arrival.GroupBy(e => e.RecordId)
            .Count(g => g.Zip(g.Skip(1)).Any(pair => pair.Second.Version <= pair.First.Version));
    }

    /// <summary>Expected events that never arrived.</summary>
    public IReadOnlyList<ExpectedEvent> Missing { get; }

    /// <summary>Events that arrived but are not in the ground truth.</summary>
    public IReadOnlyList<ChatMessageEvent> Extra { get; }

    /// <summary>Records whose events arrived in another order than they happened.</summary>
    public IReadOnlyList<string> OutOfOrderRecords { get; }

    /// <summary>Records whose versions did not grow in arrival order.</summary>
    public int VersionRegressions { get; }

    /// <summary>Deliveries counted with duplicates.</summary>
    public int Deliveries { get; }

    /// <summary>Distinct event ids delivered.</summary>
    public int Distinct { get; }

    /// <summary>Deliveries whose MessageId is not the EventId.</summary>
    public int MessageIdMismatches { get; }

    /// <summary>True when the stream equals the ground truth.</summary>
    public bool Exact => Missing.Count == 0 && Extra.Count == 0 && OutOfOrderRecords.Count == 0 && VersionRegressions == 0 && MessageIdMismatches == 0;

    /// <summary>Compares.</summary>
    public static StreamComparison Of(IReadOnlyList<ExpectedEvent> expected, IReadOnlyCollection<Received> received) => new(expected, received);

    /// <summary>A summary to read when the comparison fails.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"deliveries {Deliveries}, distinct {Distinct}, missing {Missing.Count}, extra {Extra.Count}, out of order {OutOfOrderRecords.Count}, version regressions {VersionRegressions}, MessageId mismatches {MessageIdMismatches}");
        foreach (var group in Missing.GroupBy(m => m.Kind))
        {
            text.AppendLine($"missing {group.Key}: {group.Count()} e.g. {string.Join(", ", group.Take(5).Select(m => $"{m.RecordId}#{m.Seq}"))}");
        }

        foreach (var group in Extra.GroupBy(e => e.GetType().Name))
        {
            text.AppendLine($"extra {group.Key}: {group.Count()} e.g. {string.Join(", ", group.Take(5).Select(e => $"{e.RecordId} v{e.Version}"))}");
        }

        return text.ToString();
    }
}
