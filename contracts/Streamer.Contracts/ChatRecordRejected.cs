namespace Streamer.Contracts;

/// <summary>
/// A record the API returned that Streamer could not turn into events (no id; no, an unreadable or an
/// impossible timestamp; a failure while mapping it; an event too large for the broker). Published
/// instead of dropping it silently, so an operator can see and replay it.
/// </summary>
public sealed record ChatRecordRejected
{
    /// <summary>Deterministic id: the same bad record observed again yields the same id.</summary>
    public required Guid EventId { get; init; }

    /// <summary>The tenant id of the account.</summary>
    public required string TenantId { get; init; }

    /// <summary>The name of the Streamer account that read it.</summary>
    public required string Account { get; init; }

    /// <summary>The record id, when it has one.</summary>
    public string? RecordId { get; init; }

    /// <summary>Why it was rejected, for example "the record has no id".</summary>
    public required string Reason { get; init; }

    /// <summary>The record's JSON exactly as the API sent it; empty when that alone is too large for the broker (the reason says so).</summary>
    public required string RawJson { get; init; }

    /// <summary>When Streamer read it.</summary>
    public required DateTimeOffset ObservedAt { get; init; }
}
