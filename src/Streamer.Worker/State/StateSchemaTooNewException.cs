namespace Streamer.Worker.State;

/// <summary>
/// The state file was upgraded by a newer Streamer: this one does not know its tables, and must neither
/// read them as if it did nor change them back.
/// </summary>
public sealed class StateSchemaTooNewException(string path, int version, int knownVersion)
    : Exception($"The state file {path} is at schema version {version}, newer than this Streamer knows (up to {knownVersion}): a newer Streamer has upgraded it. Run that newer Streamer (or a later one) on this file, or give this one a State:Path of its own; state files are not downgraded, and this one was left as it is.")
{
    /// <summary>The file's schema version.</summary>
    public int Version { get; } = version;

    /// <summary>The newest version this Streamer knows.</summary>
    public int KnownVersion { get; } = knownVersion;
}
