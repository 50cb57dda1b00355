using Streamer.Contracts;

namespace Streamer.Worker.Detection;

/// <summary>What the detector needs besides the record: the account's tenant and zone, and how to label new records.</summary>
/// <param name="TenantId">The account's tenant id (records do not always carry one).</param>
/// <param name="TimeZone">The zone of the API's timestamps.</param>
/// <param name="OriginOfNew">The origin given to records seen for the first time.</param>
/// <param name="HistoricalBefore">
/// A record seen for the first time that was created before this instant is history Streamer no longer
/// tracks (older than the longest re-scan horizon), so it is labelled <see cref="ChangeOrigin.Backfill"/>.
/// </param>
/// <param name="SnapshotBefore">
/// The account's snapshot cut-off: a record created before it existed before Streamer streamed the account,
/// so it is labelled <see cref="ChangeOrigin.Snapshot"/> wherever it is first met, never as new.
/// </param>
/// <param name="NotAfter">
/// The latest <c>created_at</c> or <c>updated_at</c> believed, as the account's local time (see
/// <see cref="RecordTimestamps"/>); null: only the fixed bounds apply.
/// </param>
public sealed record DetectionContext(
    string TenantId, TimeZoneInfo TimeZone, ChangeOrigin OriginOfNew, DateTimeOffset? HistoricalBefore = null, DateTimeOffset? SnapshotBefore = null, DateTime? NotAfter = null);
