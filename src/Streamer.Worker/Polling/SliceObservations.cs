using Streamer.Nxlink;
using Streamer.Worker.Detection;

namespace Streamer.Worker.Polling;

/// <summary>
/// The records of a slice grouped by id, oldest <c>created_at</c> first (whatever order the pages came in,
/// consumers get a conversation's messages in the order they were written); each record's observations
/// in the order of their <c>updated_at</c> (read order among equal ones), which is the order its states
/// existed in even when pages were read out of order.
/// </summary>
internal sealed class SliceObservations
{
    private SliceObservations(IReadOnlyList<KeyValuePair<string, List<ChatRecord>>> byRecord, List<ChatRecord> withoutId)
    {
        ByRecord = byRecord;
        WithoutId = withoutId;
        Ids = [.. byRecord.Select(pair => pair.Key)];
    }

    /// <summary>Observations per record id, oldest record first.</summary>
    public IReadOnlyList<KeyValuePair<string, List<ChatRecord>>> ByRecord { get; }

    /// <summary>The record ids, oldest first.</summary>
    public IReadOnlyCollection<string> Ids { get; }

    /// <summary>Records without a usable id.</summary>
    public IReadOnlyList<ChatRecord> WithoutId { get; }

    /// <summary>Groups <paramref name="records"/>.</summary>
    public static SliceObservations Of(IReadOnlyList<ChatRecord> records)
    {
        var byId = new Dictionary<string, List<ChatRecord>>(records.Count, StringComparer.Ordinal);
        var withoutId = new List<ChatRecord>();
        var repeated = false;
        foreach (var record in records)
        {
            if (!RecordIds.IsUsable(record.Id))
            {
                withoutId.Add(record);
            }
            else if (byId.TryGetValue(record.Id, out var seen))
            {
                seen.Add(record);
                repeated = true;
            }
            else
            {
                byId.Add(record.Id, [record]);
            }
        }

        if (repeated)
        {
            foreach (var states in byId.Values)
            {
                if (states.Count > 1)
                {
                    // List.Sort is not stable: sort (updated_at, read position) pairs instead.
                    var ordered = states.Select((r, i) => (r, i)).OrderBy(p => p.r.UpdatedAt, StringComparer.Ordinal).ThenBy(p => p.i).Select(p => p.r).ToList();
                    states.Clear();
                    states.AddRange(ordered);
                }
            }
        }

        // The API's fixed-width timestamp text sorts as the instant it names.
        var byRecord = byId
            .OrderBy(pair => pair.Value[0].CreatedAt, StringComparer.Ordinal)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .ToList();
        return new SliceObservations(byRecord, withoutId);
    }
}
