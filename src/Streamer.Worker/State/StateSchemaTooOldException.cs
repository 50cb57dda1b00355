namespace Streamer.Worker.State;

/// <summary>
/// <c>State:MigrateAtStart</c> is false and the state is at an older schema than this Streamer needs:
/// someone is to run <c>streamer migrate</c> first, on purpose, rather than a start doing it unasked.
/// </summary>
public sealed class StateSchemaTooOldException(string location, int version, int neededVersion)
    : Exception($"The state {location} is at schema version {version}, older than this Streamer needs ({neededVersion}), and State:MigrateAtStart is false. Run `streamer migrate` with the same configuration, then start again.")
{
    /// <summary>The state's schema version.</summary>
    public int Version { get; } = version;

    /// <summary>The version this Streamer needs.</summary>
    public int NeededVersion { get; } = neededVersion;
}
