using Streamer.Nxlink;

namespace Streamer.Worker.Detection;

/// <summary>A record field the detector compares between observations.</summary>
/// <param name="Name">The API's field name, reported in <see cref="Contracts.ChatFieldChange.Field"/>.</param>
/// <param name="Hash">A stable hash of the field's value.</param>
/// <param name="Read">The field's value as text, for the update event.</param>
public sealed record TrackedField(string Name, Func<ChatRecord, ulong> Hash, Func<ChatRecord, string?> Read);
