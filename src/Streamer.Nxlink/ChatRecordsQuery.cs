namespace Streamer.Nxlink;

/// <summary>The query parameters of the chat records endpoint, besides the account's own (tenant_id, appkey, channel).</summary>
public sealed record ChatRecordsQuery
{
    /// <summary>Page number, from 1.</summary>
    public int PageNumber { get; init; } = 1;

    /// <summary>Items per page, at most 100.</summary>
    public int PageSize { get; init; } = NxlinkHeaders.MaxPageSize;

    /// <summary>Filter: merchant channel ID.</summary>
    public string? BusinessChannelId { get; init; }

    /// <summary>Filter: customer ID.</summary>
    public string? CustomerId { get; init; }

    /// <summary>Filter: conversation ID.</summary>
    public string? ConversationId { get; init; }

    /// <summary>Filter: agent account.</summary>
    public string? AgentAccount { get; init; }

    /// <summary>Inclusive start, sent as the account's local time with second precision.</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>Inclusive end, sent as the account's local time with second precision.</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>Sort order; the API's default is descending.</summary>
    public bool Ascending { get; init; }
}
