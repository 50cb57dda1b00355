using Streamer.Contracts;

namespace Streamer.Samples.DeliveryStatus;

/// <summary>What one event says about a message's delivery status.</summary>
/// <param name="EventId">The event's id, remembered so a redelivery is applied once.</param>
/// <param name="TenantId">The nxlink tenant.</param>
/// <param name="RecordId">The nxlink chat record id.</param>
/// <param name="MessageId">The WhatsApp message id, when known.</param>
/// <param name="Status">The status, or null for a message created without one.</param>
/// <param name="FailureReason">Why it failed, when it did.</param>
/// <param name="Version">The record's version; a lower one than stored is stale.</param>
/// <param name="OccurredAt">When the change happened.</param>
public sealed record StatusUpdate(
    Guid EventId,
    string TenantId,
    string RecordId,
    string? MessageId,
    string? Status,
    string? FailureReason,
    long Version,
    DateTimeOffset OccurredAt)
{
    /// <summary>The initial status of a new message (null when it has none yet).</summary>
    public static StatusUpdate From(ChatMessageCreated e) =>
        new(e.EventId, e.TenantId, e.RecordId, e.MessageId, e.Status, e.Status == "failed" ? e.Remark : null, e.Version, e.OccurredAt);

    /// <summary>A status step.</summary>
    public static StatusUpdate From(ChatMessageStatusChanged e) =>
        new(e.EventId, e.TenantId, e.RecordId, e.MessageId, e.Status, e.FailureReason, e.Version, e.OccurredAt);
}
