using Streamer.Nxlink;

namespace Streamer.Worker.Polling;

/// <summary>A record whose created_at and updated_at fall in different seconds, so a probe can tell which one the API filters on.</summary>
/// <param name="Id">The record's id.</param>
/// <param name="CreatedAt">Its created_at, in whole seconds.</param>
/// <param name="UpdatedAt">Its updated_at as last read, in whole seconds.</param>
public readonly record struct FilterCandidate(string Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>The candidate <paramref name="record"/> makes; false when it has no id or its timestamps are unreadable or in one second.</summary>
    public static bool TryCreate(ChatRecord record, TimeZoneInfo zone, out FilterCandidate candidate)
    {
        candidate = default;
        if (string.IsNullOrEmpty(record.Id) || record.CreatedAt == record.UpdatedAt ||
            !NxlinkTime.TryParse(record.CreatedAt, zone, out var created) || !NxlinkTime.TryParse(record.UpdatedAt, zone, out var updated) ||
            created == updated)
        {
            return false;
        }

        candidate = new FilterCandidate(record.Id, created, updated);
        return true;
    }
}
