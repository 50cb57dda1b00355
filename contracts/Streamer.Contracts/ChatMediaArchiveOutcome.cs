namespace Streamer.Contracts;

/// <summary>
/// How archiving a chat record's media file ended: <see cref="ChatMediaArchived"/> or
/// <see cref="ChatMediaArchiveFailed"/>, one per record. Consume this type to receive both. Not a
/// <see cref="ChatMessageEvent"/>: archiving runs beside the message stream and has no place in a
/// record's <see cref="ChatMessageEvent.Version"/> order.
/// </summary>
public abstract record ChatMediaArchiveOutcome
{
    /// <summary>Deterministic id of the record's archiving outcome: the same whichever the outcome.</summary>
    public required Guid EventId { get; init; }

    /// <summary>The tenant id of the account.</summary>
    public required string TenantId { get; init; }

    /// <summary>The name of the Streamer account that read the record.</summary>
    public required string Account { get; init; }

    /// <summary>The chat record's id (<c>id</c>).</summary>
    public required string RecordId { get; init; }

    /// <summary>The WhatsApp message id (<c>message_id</c>), when the record has one.</summary>
    public string? MessageId { get; init; }

    /// <summary>The conversation (<c>conversation_id</c>).</summary>
    public string? ConversationId { get; init; }

    /// <summary>The file name the record gives (<c>filename</c>).</summary>
    public string? FileName { get; init; }
}
