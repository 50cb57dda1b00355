namespace Streamer.Contracts;

/// <summary>
/// What every event about one chat record carries. MassTransit also routes each event through this base
/// type's exchange, but consumers must consume the concrete types: an abstract record cannot be deserialized.
/// </summary>
public abstract record ChatMessageEvent
{
    /// <summary>
    /// Deterministic id of this change: observing the same change twice (after a crash, a re-scan or a
    /// backfill) yields the same id, so consumers deduplicate on it. It is also the MassTransit MessageId.
    /// </summary>
    public required Guid EventId { get; init; }

    /// <summary>The nxlink tenant id of the account the record belongs to.</summary>
    public required string TenantId { get; init; }

    /// <summary>The nxlink channel of the record (2: WhatsApp).</summary>
    public required int Channel { get; init; }

    /// <summary>The nxlink chat record id (<c>id</c>), the key of every change.</summary>
    public required string RecordId { get; init; }

    /// <summary>The WhatsApp message id (<c>message_id</c>, a <c>wamid.</c> string) when the API has one.</summary>
    public string? MessageId { get; init; }

    /// <summary>The nxlink conversation id (<c>saas_conversation_id</c>).</summary>
    public string? ConversationId { get; init; }

    /// <summary>The nxlink customer id (<c>customer_id</c>).</summary>
    public string? CustomerId { get; init; }

    /// <summary>
    /// When the change happened: the record's <c>updated_at</c>, read in the account's configured time
    /// zone (the API sends local time without a zone), so the offset is the account's.
    /// </summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>
    /// Grows with each change of this record (1 for its creation). A consumer that has applied a higher
    /// version of a record can drop an event with a lower one as stale.
    /// </summary>
    public required long Version { get; init; }
}
