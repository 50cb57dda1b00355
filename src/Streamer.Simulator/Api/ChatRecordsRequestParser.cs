using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Streamer.Nxlink;
using Streamer.Simulator.Store;
using Streamer.Simulator.Tenancy;

namespace Streamer.Simulator.Api;

/// <summary>
/// Checks a chat records request as the real endpoint does, in its order: the common headers (1001, 1002, 1005,
/// 1004, 1003), then the query (21058, 21059, 22016, 22072). Messages use the document's wording and name the
/// parameter at fault. The accessKey names the tenant: the sign must be made with that tenant's secret (1003), and
/// tenant_id and appkey must be that tenant's (22016).
/// </summary>
internal sealed class ChatRecordsRequestParser(TenantDirectory tenants, SimulatorClock clock)
{
    private static readonly string[] RequiredHeaders =
        [NxlinkHeaders.AccessKey, NxlinkHeaders.Ts, NxlinkHeaders.BizType, NxlinkHeaders.Action, NxlinkHeaders.Sign];

    public bool TryParse(HttpRequest request, [NotNullWhen(true)] out RecordQuery? query, [NotNullWhen(false)] out ApiError? error)
    {
        query = null;
        error = Authenticate(request.Headers, out var credentials) ?? CheckAccount(request.Query, credentials!);
        if (error is not null)
        {
            return false;
        }

        query = ParseQuery(request.Query, credentials!.Index, out error);
        return query is not null;
    }

    private ApiError? Authenticate(IHeaderDictionary headers, out TenantCredentials? credentials)
    {
        credentials = null;
        foreach (var name in RequiredHeaders)
        {
            if (string.IsNullOrEmpty(headers[name]))
            {
                return Auth(NxlinkResultCodes.MissingHeader, $"missing required header {name}");
            }
        }

        string accessKey = headers[NxlinkHeaders.AccessKey]!, ts = headers[NxlinkHeaders.Ts]!;
        string bizType = headers[NxlinkHeaders.BizType]!, action = headers[NxlinkHeaders.Action]!;
        if (bizType != NxlinkHeaders.WhatsAppBizType)
        {
            return Auth(NxlinkResultCodes.HeaderError, "header parameter error, bizType must be \"2\"");
        }

        if (action != NxlinkHeaders.MtAction)
        {
            return Auth(NxlinkResultCodes.HeaderError, "header parameter error, action must be \"mt\"");
        }

        if (tenants.IndexOfAccessKey(accessKey) is not { } index)
        {
            return Auth(NxlinkResultCodes.InsufficientPermissions, "insufficient permissions for this accessKey");
        }

        if (!long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out var millis) ||
            Math.Abs(clock.Now.ToUnixTimeMilliseconds() - millis) > NxlinkHeaders.MaxClockSkew.TotalMilliseconds)
        {
            return Auth(NxlinkResultCodes.TimestampExpired, "timestamp expired, ts must be Unix milliseconds within 60 seconds of server time");
        }

        credentials = tenants.Credentials(index);
        var expected = NxlinkSigner.Sign(accessKey, action, bizType, ts, body: null, credentials.AccessSecret);
        return NxlinkSigner.AreEqual(expected, headers[NxlinkHeaders.Sign]) ? null : Auth(NxlinkResultCodes.InvalidSignature, "invalid sign");
    }

    private static ApiError? CheckAccount(IQueryCollection query, TenantCredentials credentials)
    {
        var tenantId = Value(query, "tenant_id");
        var appKey = Value(query, "appkey");
        if (tenantId is null)
        {
            return new ApiError(NxlinkResultCodes.TenantIdRequired, "Parameter error: tenant_id is required");
        }

        if (appKey is null)
        {
            return new ApiError(NxlinkResultCodes.AppKeyRequired, "Parameter error: appkey is required");
        }

        return tenantId == credentials.TenantId && appKey == credentials.AppKey
            ? null
            : new ApiError(NxlinkResultCodes.WhatsAppNotConfigured, "Parameter error: Merchant has not configured WhatsApp application");
    }

    private RecordQuery? ParseQuery(IQueryCollection query, int tenant, out ApiError? error)
    {
        error = null;
        if (Int(query, "channel") != 2)
        {
            error = Invalid("channel must be 2");
        }
        else if (Int(query, "page_number") is not >= 1)
        {
            error = Invalid("page_number is required and must be at least 1");
        }
        else if (Int(query, "page_size") is not (>= 1 and <= NxlinkHeaders.MaxPageSize))
        {
            error = Invalid("page_size is required and must be between 1 and 100");
        }
        else if (!TryTime(query, "start_time", out var start) || !TryTime(query, "end_time", out var end))
        {
            error = Invalid("start_time and end_time must be yyyy-MM-dd HH:mm:ss");
        }
        else if (Value(query, "order_by") is { } order && order is not ("asc" or "desc"))
        {
            error = Invalid("order_by must be asc or desc");
        }
        else
        {
            return new RecordQuery
            {
                Tenant = tenant,
                PageNumber = Int(query, "page_number")!.Value,
                PageSize = Int(query, "page_size")!.Value,
                StartSecond = start,
                EndSecond = end,
                CustomerId = Value(query, "customer_id"),
                ConversationId = Value(query, "saas_conversation_id"),
                BusinessChannelId = Value(query, "business_channel_id"),
                AgentAccount = Value(query, "agent_account"),
                Ascending = Value(query, "order_by") == "asc",
            };
        }

        return null;
    }

    private bool TryTime(IQueryCollection query, string name, out long? second)
    {
        second = null;
        if (Value(query, name) is not { } text)
        {
            return true;
        }

        second = clock.Second(text);
        return second is not null;
    }

    // An empty optional parameter is treated as absent, as form-built query strings send them.
    private static string? Value(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count == 1 && !string.IsNullOrEmpty(values[0]) ? values[0] : null;

    private static int? Int(IQueryCollection query, string name) =>
        int.TryParse(Value(query, name), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static ApiError Auth(int code, string detail) => new(code, $"Authentication issue: {detail}");

    private static ApiError Invalid(string detail) => new(NxlinkResultCodes.InvalidParameter, $"Parameter error: Invalid parameter error ({detail})");
}
