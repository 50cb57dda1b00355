namespace Streamer.Samples.DeliveryStatus;

/// <summary>The latest known delivery status of one message.</summary>
/// <param name="TenantId">The nxlink tenant.</param>
/// <param name="RecordId">The nxlink chat record id.</param>
/// <param name="MessageId">The WhatsApp message id, when known.</param>
/// <param name="Status">sent, delivered, read, failed (or another string the API sent); null when not set yet.</param>
/// <param name="FailureReason">Why it failed, when it did.</param>
/// <param name="Version">The record version this status comes from.</param>
/// <param name="OccurredAt">When the status changed.</param>
/// <param name="UpdatedAt">When this service stored it.</param>
public sealed record MessageStatus(
    string TenantId,
    string RecordId,
    string? MessageId,
    string? Status,
    string? FailureReason,
    long Version,
    DateTimeOffset OccurredAt,
    DateTimeOffset UpdatedAt);
