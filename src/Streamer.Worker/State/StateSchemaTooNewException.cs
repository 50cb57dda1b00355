namespace Streamer.Worker.State;

/// <summary>
/// The state was upgraded by a newer Streamer: this one does not know its tables, and must neither
/// read them as if it did nor change them back.
/// </summary>
public sealed class StateSchemaTooNewException : Exception
{
    /// <summary>A SQLite state file at <paramref name="path"/> is newer than this Streamer.</summary>
    public StateSchemaTooNewException(string path, int version, int knownVersion)
        : this(version, knownVersion, $"The state file {path} is at schema version {version}, newer than this Streamer knows (up to {knownVersion}): a newer Streamer has upgraded it. Run that newer Streamer (or a later one) on this file, or give this one a State:Path of its own; state files are not downgraded, and this one was left as it is.")
    {
    }

    private StateSchemaTooNewException(int version, int knownVersion, string message)
        : base(message)
    {
        Version = version;
        KnownVersion = knownVersion;
    }

    /// <summary>The state's schema version.</summary>
    public int Version { get; }

    /// <summary>The newest version this Streamer knows.</summary>
    public int KnownVersion { get; }

    /// <summary>A state database (<paramref name="database"/> names it, without credentials) is newer than this Streamer.</summary>
    public static StateSchemaTooNewException ForDatabase(string database, int version, int knownVersion) =>
        new(version, knownVersion, $"The state database {database} is at schema version {version}, newer than this Streamer knows (up to {knownVersion}): a newer Streamer has upgraded it. Run that newer Streamer (or a later one) on this database, or give this one a State:ConnectionString of its own; state databases are not downgraded, and this one was left as it is.");
}
