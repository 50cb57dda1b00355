namespace Streamer.Simulator.Store;

/// <summary>A validated request of the chat records endpoint.</summary>
internal sealed record RecordQuery
{
    /// <summary>The index of the tenant whose credentials signed the request.</summary>
    public int Tenant { get; init; }

    public int PageNumber { get; init; } = 1;

    public int PageSize { get; init; } = 10;

    /// <summary>Inclusive, Unix seconds.</summary>
    public long? StartSecond { get; init; }

    /// <summary>Inclusive, Unix seconds.</summary>
    public long? EndSecond { get; init; }

    public string? CustomerId { get; init; }

    public string? ConversationId { get; init; }

    public string? BusinessChannelId { get; init; }

    public string? AgentAccount { get; init; }

    public bool Ascending { get; init; }

    public bool HasFieldFilter => CustomerId is not null || ConversationId is not null || BusinessChannelId is not null || AgentAccount is not null;
}
