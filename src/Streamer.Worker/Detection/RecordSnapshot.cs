namespace Streamer.Worker.Detection;

/// <summary>
/// What the change detector remembers of a record between observations: enough to tell what changed,
/// not the record itself (other fields are kept as 64-bit hashes, see <see cref="RecordFields"/>).
/// </summary>
/// <param name="RecordId">The record id.</param>
/// <param name="UpdatedAt">The record's <c>updated_at</c> text as last seen.</param>
/// <param name="UpdatedAtUnix">The same instant in Unix seconds (for pruning).</param>
/// <param name="Status">The status last emitted (the highest reached).</param>
/// <param name="Emoji">The reaction last seen.</param>
/// <param name="Version">The version of the last event emitted for the record.</param>
/// <param name="FieldHashes">One hash per entry of <see cref="RecordFields.Tracked"/>.</param>
public sealed record RecordSnapshot(
    string RecordId,
    string UpdatedAt,
    long UpdatedAtUnix,
    string? Status,
    string? Emoji,
    long Version,
    ulong[] FieldHashes);
