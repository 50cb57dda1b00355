using System.Runtime.CompilerServices;
using Streamer.Nxlink;

namespace Streamer.Benchmarks.Events;

/// <summary>The simulator's backlog read through the worker's own client: every record, oldest first, a page of 100 at a time.</summary>
public static class BacklogPages
{
    /// <summary>The pages of the last day up to now, until the first empty one.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<ChatRecord>> ReadAsync(NxlinkAccount account, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient();
        var client = new NxlinkClient(http, TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        var query = new ChatRecordsQuery { StartTime = now.AddDays(-1), EndTime = now, Ascending = true, PageSize = NxlinkHeaders.MaxPageSize };
        for (var number = 1; ; number++)
        {
            var list = (await client.GetPageAsync(account, query with { PageNumber = number }, cancellationToken)).List ?? [];
            if (list.Count == 0)
            {
                yield break;
            }

            yield return list;
        }
    }
}
