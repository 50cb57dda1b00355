using Streamer.Nxlink;

namespace Streamer.Tests.Polling;

/// <summary>
/// An API whose start_time/end_time filter on created_at, on updated_at, or on either (set <see cref="FilterOn"/>
/// at any time), newest first.
/// </summary>
internal sealed class FilteringApi(IReadOnlyList<ChatRecord> records)
{
    /// <summary>The timestamps a record is matched on: one of them within the query's times is a match.</summary>
    public Func<ChatRecord, IEnumerable<string?>> FilterOn { get; set; } = r => [r.UpdatedAt];

    public static Func<ChatRecord, IEnumerable<string?>> CreatedAt => r => [r.CreatedAt];

    public static Func<ChatRecord, IEnumerable<string?>> UpdatedAt => r => [r.UpdatedAt];

    public static Func<ChatRecord, IEnumerable<string?>> Either => r => [r.CreatedAt, r.UpdatedAt];

    public ChatRecordsResponse Answer(PageRequest request)
    {
        var matching = records
            .Where(r => FilterOn(r).Any(t => string.CompareOrdinal(t, request.Start) >= 0 && string.CompareOrdinal(t, request.End) <= 0))
            .OrderByDescending(r => r.Id, StringComparer.Ordinal)
            .ToList();
        return PageHandler.Page(request, matching.Count, matching.Skip((request.Page - 1) * request.Size).Take(request.Size));
    }
}
