using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Web;
using Streamer.Nxlink;

namespace Streamer.Tests.Polling;

/// <summary>Stands in for the chat records API under a real <see cref="NxlinkClient"/>: answers each page request from a script.</summary>
internal sealed class PageHandler(Func<PageRequest, ChatRecordsResponse> answer) : HttpMessageHandler
{
    private readonly Lock gate = new();
    private readonly List<PageRequest> requests = [];
    private int reads;

    public IReadOnlyList<PageRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Answers from <paramref name="records"/>: those created within the query's times, in the order asked.</summary>
    public static PageHandler Serving(IReadOnlyList<ChatRecord> records) => new(request => Answer(records, request));

    /// <summary>The page of <paramref name="records"/> created within the query's times, in the order asked.</summary>
    public static ChatRecordsResponse Answer(IReadOnlyList<ChatRecord> records, PageRequest request)
    {
        var matching = records
            .Where(r => string.CompareOrdinal(r.CreatedAt, request.Start) >= 0 && string.CompareOrdinal(r.CreatedAt, request.End) <= 0)
            .OrderBy(r => r.CreatedAt, StringComparer.Ordinal)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        if (!request.Ascending)
        {
            matching.Reverse();
        }

        return Page(request, matching.Count, matching.Skip((request.Page - 1) * request.Size).Take(request.Size));
    }

    public static ChatRecordsResponse Page(PageRequest request, int total, IEnumerable<ChatRecord> records) => new()
    {
        Code = 0,
        Total = total,
        PageNumber = request.Page,
        PageSize = request.Size,
        List = [.. records],
    };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var query = HttpUtility.ParseQueryString(request.RequestUri!.Query);
        var number = int.Parse(query["page_number"]!, CultureInfo.InvariantCulture);
        PageRequest page;
        lock (gate)
        {
            reads += number == 1 ? 1 : 0;
            page = new PageRequest(reads, number, int.Parse(query["page_size"]!, CultureInfo.InvariantCulture), query["start_time"]!, query["end_time"]!, query["order_by"] == "asc");
            requests.Add(page);
        }

        var response = answer(page);
        page.Total = response.Total ?? 0;
        var body = JsonSerializer.SerializeToUtf8Bytes(response, NxlinkJsonContext.Default.ChatRecordsResponse);
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
    }
}
