using System.Text.Json.Serialization;

namespace Streamer.Nxlink;

/// <summary>The response of <c>GET /saas/openapi/chat/records</c>.</summary>
public sealed class ChatRecordsResponse
{
    /// <summary>Result code; 0 (or "0") on success.</summary>
    [JsonPropertyName("code")] public int? Code { get; set; }

    /// <summary>Result description.</summary>
    [JsonPropertyName("message")] public string? Message { get; set; }

    /// <summary>Trace id of the request on the vendor's side.</summary>
    [JsonPropertyName("traceId")] public string? TraceId { get; set; }

    /// <summary>Total number of records matching the query.</summary>
    [JsonPropertyName("total")] public int? Total { get; set; }

    /// <summary>Page number.</summary>
    [JsonPropertyName("page_number")] public int? PageNumber { get; set; }

    /// <summary>Items per page.</summary>
    [JsonPropertyName("page_size")] public int? PageSize { get; set; }

    /// <summary>The records of this page.</summary>
    [JsonPropertyName("list")]
    [JsonConverter(typeof(ChatRecordListConverter))]
    public List<ChatRecord>? List { get; set; }
}
