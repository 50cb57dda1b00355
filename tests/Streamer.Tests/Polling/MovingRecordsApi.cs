using Streamer.Nxlink;
using Streamer.Tests.Detection;

namespace Streamer.Tests.Polling;

/// <summary>
/// An API that filters and orders on <c>updated_at</c> and updates one record before every page after the
/// first, as live traffic does while a slice is paged: the updated record takes the next second, so it
/// jumps to the newest end of an open-ended query or leaves a query whose end is already past.
/// </summary>
internal sealed class MovingRecordsApi
{
    private readonly Lock gate = new();
    private readonly List<ChatRecord> records;
    private readonly Func<IReadOnlyList<ChatRecord>, IReadOnlySet<string>, ChatRecord?> pick;
    private readonly HashSet<string> served = new(StringComparer.Ordinal);
    private DateTimeOffset clock;

    /// <param name="records">The records, updated_at set.</param>
    /// <param name="now">The API's clock; each update takes the next second from it.</param>
    /// <param name="pick">Which record of the query's current match (newest first) to update before a page, given the ids served so far.</param>
    public MovingRecordsApi(IEnumerable<ChatRecord> records, DateTimeOffset now, Func<IReadOnlyList<ChatRecord>, IReadOnlySet<string>, ChatRecord?> pick)
    {
        this.records = [.. records];
        clock = now;
        this.pick = pick;
    }

    /// <summary>The ids of the records updated, in order.</summary>
    public List<string> Moved { get; } = [];

    public ChatRecordsResponse Answer(PageRequest request)
    {
        lock (gate)
        {
            if (request.Page > 1 && pick(Matching(request), served) is { } moving)
            {
                clock = clock.AddSeconds(1);
                var index = records.FindIndex(r => r.Id == moving.Id);
                records[index] = moving.With(r => r.UpdatedAt = TestApi.Text(clock));
                Moved.Add(moving.Id!);
            }

            var matching = Matching(request);
            var page = PageHandler.Page(request, matching.Count, matching.Skip((request.Page - 1) * request.Size).Take(request.Size));
            served.UnionWith(page.List!.Select(r => r.Id!));
            return page;
        }
    }

    private List<ChatRecord> Matching(PageRequest request)
    {
        var matching = records
            .Where(r => string.CompareOrdinal(r.UpdatedAt, request.Start) >= 0 && string.CompareOrdinal(r.UpdatedAt, request.End) <= 0)
            .OrderBy(r => r.UpdatedAt, StringComparer.Ordinal)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        if (!request.Ascending)
        {
            matching.Reverse();
        }

        return matching;
    }
}
