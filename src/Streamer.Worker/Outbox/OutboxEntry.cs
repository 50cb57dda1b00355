namespace Streamer.Worker.Outbox;

/// <summary>
/// One message waiting in the outbox. <see cref="Seq"/> is given by the store when the commit that holds the
/// entry writes it, and orders the entries; <see cref="Message"/> is kept while the relay gets the entry in
/// memory, and decoded from <see cref="Body"/> when it reads it back from the store.
/// </summary>
public sealed class OutboxEntry
{
    /// <summary>Creates an entry.</summary>
    public OutboxEntry(string account, string orderKey, Guid eventId, string type, byte[] body, object? message)
    {
        Account = account;
        OrderKey = orderKey;
        EventId = eventId;
        Type = type;
        Body = body;
        Message = message;
    }

    /// <summary>The store's sequence number; 0 until committed.</summary>
    public long Seq { get; set; }

    /// <summary>The account whose poll produced it.</summary>
    public string Account { get; }

    /// <summary>Entries with the same key are published one after the other in <see cref="Seq"/> order (the record id).</summary>
    public string OrderKey { get; }

    /// <summary>The event's id (MassTransit's MessageId).</summary>
    public Guid EventId { get; }

    /// <summary>The contract type's name.</summary>
    public string Type { get; }

    /// <summary>The event as JSON (UTF-8).</summary>
    public byte[] Body { get; }

    /// <summary>The event itself, when at hand.</summary>
    public object? Message { get; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the activity that detected the event, or null when nothing traced it: the
    /// relay's publish span, later and maybe after a restart, continues that trace.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The W3C <c>tracestate</c> that goes with <see cref="TraceParent"/>, when it has one.</summary>
    public string? TraceState { get; init; }
}
