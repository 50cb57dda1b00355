using System.ComponentModel.DataAnnotations;

namespace Streamer.Worker.State;

/// <summary>Where the state lives.</summary>
public sealed class StateOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "State";

    /// <summary>
    /// The state backend: <see cref="StateProvider.Sqlite"/> (one instance, the file lock) or
    /// <see cref="StateProvider.Postgres"/> (a shared database: instances share the accounts by leases).
    /// </summary>
    public StateProvider Provider { get; set; } = StateProvider.Sqlite;

    /// <summary>The SQLite file (created with its folder if missing).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "streamer.db";

    /// <summary>How often records older than the longest re-scan horizon are pruned.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);
}
