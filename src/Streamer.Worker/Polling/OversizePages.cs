using System.Globalization;
using Streamer.Nxlink;

namespace Streamer.Worker.Polling;

/// <summary>
/// Reads a page the API served over <c>Polling:MaxPageBytes</c> as smaller pages over the same places (a
/// tenth of the size each time, down to one record), so an oversized record costs only itself, never its
/// page or its account. A one-record page still over the limit becomes a placeholder record that the
/// pipeline rejects, saying so; the rest of the page is read as usual. The API's <c>total</c> of the last
/// smaller page read stands for the page's.
/// </summary>
internal static class OversizePages
{
    /// <summary>Reads <paramref name="query"/>'s page, which <paramref name="error"/> refused, through <paramref name="fetch"/>.</summary>
    public static async Task<ChatRecordsResponse> ReadAsync(
        ChatRecordsQuery query,
        NxlinkPageTooLargeException error,
        Func<ChatRecordsQuery, CancellationToken, Task<ChatRecordsResponse>> fetch,
        CancellationToken cancellationToken)
    {
        if (query.PageSize == 1)
        {
            return new ChatRecordsResponse { Code = 0, PageNumber = query.PageNumber, PageSize = 1, List = [Placeholder(query, error)] };
        }

        var size = Divisor(query.PageSize);
        var parts = query.PageSize / size;
        var records = new List<ChatRecord>(query.PageSize);
        int? total = null;
        for (var part = 0; part < parts; part++)
        {
            var smaller = query with { PageSize = size, PageNumber = ((query.PageNumber - 1) * parts) + part + 1 };
            ChatRecordsResponse page;
            try
            {
                page = await fetch(smaller, cancellationToken).ConfigureAwait(false);
            }
            catch (NxlinkPageTooLargeException again)
            {
                page = await ReadAsync(smaller, again, fetch, cancellationToken).ConfigureAwait(false);
            }

            records.AddRange(page.List ?? []);
            total = page.Total ?? total;
            if ((page.List?.Count ?? 0) < size)
            {
                break;
            }
        }

        return new ChatRecordsResponse { Code = 0, Total = total, PageNumber = query.PageNumber, PageSize = query.PageSize, List = records };
    }

    // The largest divisor of the page size up to a tenth of it, so the smaller pages cover the same places.
    private static int Divisor(int size)
    {
        for (var d = size / 10; d > 1; d--)
        {
            if (size % d == 0)
            {
                return d;
            }
        }

        return 1;
    }

    // Known by its size to the KiB when the API announced one (an unchanged record keeps it from poll to poll,
    // whatever page and window it is read in), so it is rejected once; otherwise by its window and place.
    private static ChatRecord Placeholder(ChatRecordsQuery query, NxlinkPageTooLargeException error) => new()
    {
        Unreadable = string.Create(CultureInfo.InvariantCulture, $"the record alone is over Polling:MaxPageBytes ({error.Limit} bytes); it was not read"),
        Content = error.ContentLength is { } size
            ? string.Create(CultureInfo.InvariantCulture, $"unread: a record of about {size / 1024} KiB")
            : string.Create(CultureInfo.InvariantCulture, $"unread: record {query.PageNumber} from {query.StartTime:o} to {query.EndTime:o}"),
    };
}
