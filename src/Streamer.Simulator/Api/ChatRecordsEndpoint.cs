using System.Globalization;
using Microsoft.Extensions.Options;
using Streamer.Nxlink;
using Streamer.Simulator.Control;
using Streamer.Simulator.Faults;
using Streamer.Simulator.Store;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Api;

/// <summary>
/// <c>GET /saas/openapi/chat/records</c>: faults first, then the checks, then a page of copies rendered outside the
/// store's lock; the hostile knobs make every page lie about its total or every body start with a BOM.
/// </summary>
internal sealed class ChatRecordsEndpoint(
    Tenants tenants,
    ChatRecordsRequestParser parser,
    TenantFaults faults,
    PageDrift drift,
    SimulatorStats stats,
    SimulatorClock clock,
    IOptions<SimulatorOptions> options)
{
    private const string JsonContentType = "application/json;charset=UTF-8";
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly RecordPage EmptyPage = new(0, []);
    private readonly string? publicBaseUrl = options.Value.PublicBaseUrl?.ToString().TrimEnd('/');

    public async Task HandleAsync(HttpContext context)
    {
        stats.Request();
        var aborted = context.RequestAborted;
        FaultOutcome fault;
        try
        {
            fault = await faults.ForRequest(context.Request).DrawAsync(aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return;
        }

        var response = context.Response;
        if (fault.Kind == FaultKind.Http500)
        {
            // What a Java gateway in front of the API answers when it falls over.
            response.StatusCode = StatusCodes.Status500InternalServerError;
            await WriteAsync(response, System.Text.Encoding.UTF8.GetBytes(
                $"{{\"timestamp\":\"{clock.Now:O}\",\"status\":500,\"error\":\"Internal Server Error\",\"path\":\"{NxlinkHeaders.ChatRecordsPath}\"}}"), fault.Bom, aborted).ConfigureAwait(false);
            return;
        }

        var traceId = TraceId();
        byte[] body;
        if (fault.Kind == FaultKind.CodeFailed)
        {
            body = ChatRecordsJson.Error(traceId, new ApiError(NxlinkResultCodes.Failed, "Request failed"));
        }
        else if (!parser.TryParse(context.Request, out var query, out var error))
        {
            body = ChatRecordsJson.Error(traceId, error);
        }
        else
        {
            tenants.CountRequest(query.Tenant);

            // A tenant nothing has written to yet has no records: its page is empty, and it stays unmade.
            var page = EmptyPage;
            if (tenants.Peek(query.Tenant) is { } tenant)
            {
                drift.BeforePage(tenant, query);
                page = tenant.Store.Query(query);
            }

            var baseUrl = publicBaseUrl ?? $"{context.Request.Scheme}://{context.Request.Host}";
            foreach (var record in page.Items)
            {
                if (record.MediaLink?.StartsWith('/') == true)
                {
                    record.MediaLink = baseUrl + record.MediaLink;
                }
            }

            var total = fault.Total switch
            {
                LyingTotal.Huge => LyingTotals.HugeTotal,
                LyingTotal.Negative => LyingTotals.NegativeTotal,
                _ => page.Total,
            };
            body = ChatRecordsJson.Page(traceId, total, query.PageNumber, query.PageSize, page.Items);
        }

        if (fault.Kind == FaultKind.Malformed)
        {
            // Any strict prefix of a JSON object is invalid JSON: the closing brace is missing at least.
            body = body[..Math.Clamp((int)(body.Length * fault.CutFraction), 1, body.Length - 1)];
        }

        response.StatusCode = StatusCodes.Status200OK;
        await WriteAsync(response, body, fault.Bom, aborted).ConfigureAwait(false);
    }

    private async Task WriteAsync(HttpResponse response, byte[] body, bool bom, CancellationToken aborted)
    {
        // From the clock that judged ts (Kestrel's would be the machine's), so a client's skew estimate matches it.
        response.Headers.Date = clock.Now.ToString("R", CultureInfo.InvariantCulture);
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length + (bom ? Utf8Bom.Length : 0);
        try
        {
            if (bom)
            {
                await response.Body.WriteAsync(Utf8Bom, aborted).ConfigureAwait(false);
            }

            await response.Body.WriteAsync(body, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    // Shaped like the document's: 32 hex digits, a node number and a millisecond timestamp with a counter.
    private string TraceId() =>
        string.Create(CultureInfo.InvariantCulture, $"{Guid.NewGuid():N}.316.{clock.Now.ToUnixTimeMilliseconds()}{stats.Requests % 10_000:D4}");
}
