using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Streamer.Nxlink;

/// <summary>
/// Typed client of <c>GET /saas/openapi/chat/records</c>. Every call builds and signs a fresh request
/// (new <c>ts</c>), so a retry around it is always correctly signed. It throws
/// <see cref="NxlinkTransientException"/> for failures worth retrying and
/// <see cref="NxlinkConfigurationException"/> for ones that need a configuration fix. A page's body is read
/// into memory up to <paramref name="maxPageBytes"/> (<see cref="NxlinkPageTooLargeException"/> beyond).
/// </summary>
public sealed class NxlinkClient(HttpClient http, TimeProvider time, long maxPageBytes = NxlinkClient.DefaultMaxPageBytes)
{
    /// <summary>The default limit of a page's body: 16 MiB, over 50 times a full page of long messages.</summary>
    public const long DefaultMaxPageBytes = 16 * 1024 * 1024;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    // A server clock further from ours than this is a lying Date header, not a skew to correct for.
    private static readonly TimeSpan MaxClockOffset = TimeSpan.FromDays(1);

    // Per account, the server clock minus ours, learnt from the Date header of a 1004 answer.
    private readonly ConcurrentDictionary<string, TimeSpan> clockOffsets = new(StringComparer.Ordinal);

    /// <summary>The largest page body read, in bytes.</summary>
    public long MaxPageBytes => maxPageBytes;

    /// <summary>The correction applied to <c>ts</c> for an account after a 1004 (zero until then).</summary>
    public TimeSpan ClockOffset(NxlinkAccount account) => clockOffsets.GetValueOrDefault(account.Name);

    /// <summary>Fetches one page.</summary>
    public async Task<ChatRecordsResponse> GetPageAsync(NxlinkAccount account, ChatRecordsQuery query, CancellationToken cancellationToken)
    {
        var sentAt = time.GetUtcNow() + ClockOffset(account);
        using var request = new HttpRequestMessage(HttpMethod.Get, BuildUri(account, query));
        var ts = sentAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(NxlinkHeaders.AccessKey, account.AccessKey);
        request.Headers.Add(NxlinkHeaders.Ts, ts);
        request.Headers.Add(NxlinkHeaders.BizType, NxlinkHeaders.WhatsAppBizType);
        request.Headers.Add(NxlinkHeaders.Action, NxlinkHeaders.MtAction);
        request.Headers.Add(
            NxlinkHeaders.Sign,
            NxlinkSigner.Sign(account.AccessKey, NxlinkHeaders.MtAction, NxlinkHeaders.WhatsAppBizType, ts, body: null, account.AccessSecret));

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new NxlinkTransientException($"nxlink request to {account.BaseUrl.Host} failed: {ex.HttpRequestError}.", inner: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NxlinkTransientException($"nxlink request to {account.BaseUrl.Host} timed out.", inner: ex);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (status >= 500 || response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout)
            {
                throw new NxlinkTransientException($"nxlink answered HTTP {status}.", httpStatus: status);
            }

            if (status is >= 300 and < 400)
            {
                // Not followed (the worker's handler never redirects) and its Location not repeated: the
                // signed headers must only go to the configured host.
                throw new NxlinkConfigurationException(
                    $"nxlink answered HTTP {status} (a redirect) for {NxlinkHeaders.ChatRecordsPath}; redirects are not followed.",
                    "set the account's BaseUrl to the API host itself (for example https://api-hk.nxlink.ai), not an address that redirects.",
                    httpStatus: status);
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new NxlinkConfigurationException(
                    $"nxlink answered HTTP {status} for {NxlinkHeaders.ChatRecordsPath}.",
                    "check the account's BaseUrl (for example https://api-hk.nxlink.ai).",
                    httpStatus: status);
            }

            var json = await ReadBodyAsync(response.Content, status, cancellationToken).ConfigureAwait(false);
            ChatRecordsResponse? page;
            try
            {
                page = JsonSerializer.Deserialize(json.Span, NxlinkJsonContext.Default.ChatRecordsResponse);
            }
            catch (JsonException ex)
            {
                // The position helps support; the content itself is never put in the message.
                throw new NxlinkTransientException($"nxlink sent a page that is not valid JSON (line {ex.LineNumber}, byte {ex.BytePositionInLine}).", httpStatus: status);
            }

            if (page is null)
            {
                throw new NxlinkTransientException("nxlink sent an empty page.", httpStatus: status);
            }

            var records = page.List ?? [];
            var body = new PageBody(json);
            for (var i = 0; i < records.Count; i++)
            {
                // A null entry becomes an empty record: it has no id, so it is rejected, not lost.
                records[i] ??= new ChatRecord();
                records[i].Source = new PageSource(body, i);
            }

            // A body without a result code (a gateway's error page, an empty object) is no answer: read as
            // success it would pass for an empty window and move the cursor past records never read.
            var code = page.Code ?? throw new NxlinkTransientException("nxlink sent a page without a result code.", httpStatus: status);
            if (code != NxlinkResultCodes.Success)
            {
                if (code == NxlinkResultCodes.TimestampExpired && response.Headers.Date is { } serverDate
                    && serverDate - time.GetUtcNow() is var offset && offset.Duration() <= MaxClockOffset)
                {
                    clockOffsets[account.Name] = offset;
                }

                throw MapError(code, page.Message, sentAt, response.Headers.Date);
            }

            return page;
        }
    }

    /// <summary>
    /// Walks every page of a query, in order, until a short page or <c>total</c> is reached. It does not
    /// guard against data moving between pages: the poller, which knows what it reads, does that.
    /// </summary>
    public async IAsyncEnumerable<ChatRecordsResponse> GetAllPagesAsync(
        NxlinkAccount account,
        ChatRecordsQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var pageNumber = query.PageNumber; ; pageNumber++)
        {
            var page = await GetPageAsync(account, query with { PageNumber = pageNumber }, cancellationToken).ConfigureAwait(false);
            yield return page;
            var count = page.List?.Count ?? 0;
            if (count < query.PageSize || (long)pageNumber * query.PageSize >= (page.Total ?? 0))
            {
                yield break;
            }
        }
    }

    /// <summary>Builds the request URI with every query parameter of the document that is set.</summary>
    public static Uri BuildUri(NxlinkAccount account, ChatRecordsQuery query)
    {
        var url = new StringBuilder(256);
        url.Append(account.BaseUrl.GetLeftPart(UriPartial.Authority))
            .Append(account.BaseUrl.AbsolutePath.TrimEnd('/'))
            .Append(NxlinkHeaders.ChatRecordsPath)
            .Append(CultureInfo.InvariantCulture, $"?page_number={query.PageNumber}&page_size={query.PageSize}");
        Append(url, "tenant_id", account.TenantId);
        Append(url, "appkey", account.AppKey);
        Append(url, "channel", "2");
        Append(url, "business_channel_id", query.BusinessChannelId);
        Append(url, "customer_id", query.CustomerId);
        Append(url, "saas_conversation_id", query.ConversationId);
        Append(url, "agent_account", query.AgentAccount);
        Append(url, "start_time", query.StartTime is { } start ? NxlinkTime.ToApiText(start, account.TimeZone) : null);
        Append(url, "end_time", query.EndTime is { } end ? NxlinkTime.ToApiText(end, account.TimeZone) : null);
        Append(url, "order_by", query.Ascending ? "asc" : "desc");
        return new Uri(url.ToString());
    }

    private static void Append(StringBuilder url, string name, string? value)
    {
        if (value is not null)
        {
            url.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
    }

    // Buffered, not streamed: a rejected record's raw JSON is cut out of this body later. Bounded: a page over
    // the limit is refused by its Content-Length before it is read, and cut off as soon as its body passes it.
    private async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContent content, int status, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is { } length && length > maxPageBytes)
        {
            throw new NxlinkPageTooLargeException(maxPageBytes, length, status);
        }

        try
        {
            await content.LoadIntoBufferAsync(maxPageBytes, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            throw new NxlinkPageTooLargeException(maxPageBytes, contentLength: null, status, ex);
        }
        catch (HttpRequestException ex)
        {
            throw new NxlinkTransientException("nxlink connection broke while reading a page.", httpStatus: status, inner: ex);
        }

        var body = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);

        // A UTF-8 byte order mark is legal before JSON but the serializer refuses it. Skipped here, once, so the
        // deserializer and a rejected record's raw JSON (PageSource) read the same bytes.
        return body.AsSpan().StartsWith(Utf8Bom) ? body.AsMemory(Utf8Bom.Length) : body;
    }

    private static NxlinkException MapError(int code, string? message, DateTimeOffset sentAt, DateTimeOffset? serverDate)
    {
        var said = string.IsNullOrWhiteSpace(message) ? string.Empty : $" ({UntrustedText.Clean(message)})";
        return code switch
        {
            NxlinkResultCodes.Failed => new NxlinkTransientException($"nxlink request failed (code -1){said}.", code),
            NxlinkResultCodes.MissingHeader => Config(code, $"a required header is missing{said}", "this is a Streamer bug or a proxy stripping headers: accessKey, ts, bizType, action and sign must reach nxlink."),
            NxlinkResultCodes.HeaderError => Config(code, $"header parameter error{said}", "bizType must be 2 and action mt; check no proxy rewrites them."),
            NxlinkResultCodes.InvalidSignature => Config(code, $"invalid signature{said}", "check the account's AccessSecret (and that AccessKey belongs to it)."),
            NxlinkResultCodes.TimestampExpired => new NxlinkClockSkewException(sentAt, serverDate),
            NxlinkResultCodes.InsufficientPermissions => Config(code, $"insufficient permissions{said}", "check the account's AccessKey and that the nxlink account has the WhatsApp business enabled."),
            NxlinkResultCodes.TenantIdRequired => Config(code, $"tenant_id is required{said}", "set the account's TenantId."),
            NxlinkResultCodes.AppKeyRequired => Config(code, $"appkey is required{said}", "set the account's AppKey."),
            NxlinkResultCodes.WhatsAppNotConfigured => Config(code, $"the merchant has not configured a WhatsApp application{said}", "check TenantId and AppKey, and configure WhatsApp for the merchant in nxlink."),
            NxlinkResultCodes.InvalidParameter => Config(code, $"invalid parameter{said}", "check TenantId, AppKey and the time zone; a query parameter was refused."),
            >= 1000 and <= 1099 => Config(code, $"authentication failed{said}", "check AccessKey, AccessSecret and the machine clock."),
            _ => new NxlinkTransientException($"nxlink answered code {code}{said}.", code),
        };
    }

    private static NxlinkConfigurationException Config(int code, string what, string fix) =>
        new($"nxlink refused the request: {what} (code {code}).", fix, code);
}
