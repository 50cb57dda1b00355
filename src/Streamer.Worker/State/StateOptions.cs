using System.ComponentModel.DataAnnotations;

namespace Streamer.Worker.State;

/// <summary>Where the state lives.</summary>
public sealed class StateOptions : IValidatableObject
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "State";

    /// <summary>Which database holds the state: <see cref="StateProvider.Sqlite"/> (the default) or <see cref="StateProvider.Postgres"/>.</summary>
    public StateProvider Provider { get; set; } = StateProvider.Sqlite;

    /// <summary>The SQLite file (created with its folder if missing); unused with PostgreSQL.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "streamer.db";

    /// <summary>The Npgsql connection string of the PostgreSQL database; required with <see cref="StateProvider.Postgres"/>. It holds a password: it is never logged.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Whether the worker brings the schema to its version when it starts; when false, <c>streamer migrate</c> does, and a worker refuses an older schema.</summary>
    public bool MigrateAtStart { get; set; } = true;

    /// <summary>
    /// With PostgreSQL: how long a starting worker waits for a database that does not answer (yet), retrying with
    /// back-off, before it exits with code 3; zero: it does not wait. A database that refuses it (a wrong password, a
    /// missing database) stops the start at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan StartupWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often records older than the longest re-scan horizon are pruned.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PruneInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Provider))
        {
            yield return new ValidationResult("State:Provider must be Sqlite or Postgres.", [nameof(Provider)]);
        }

        if (Provider == StateProvider.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("State:ConnectionString is required when State:Provider is Postgres (an Npgsql connection string: Host=…;Database=…;Username=…;Password=…).", [nameof(ConnectionString)]);
        }

        if (Provider == StateProvider.Postgres && !string.IsNullOrWhiteSpace(ConnectionString) && ConnectionStringError(ConnectionString) is { } error)
        {
            yield return new ValidationResult($"State:ConnectionString: {error}", [nameof(ConnectionString)]);
        }
    }

    // What Npgsql would refuse only when the first connection opens, said at start instead (never echoing the string: it holds a password).
    private static string? ConnectionStringError(string connectionString)
    {
        Npgsql.NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException error)
        {
            return $"not a valid Npgsql connection string ({error.Message.Split('\n')[0]}).";
        }

        return builder.TargetSessionAttributes is { } attributes && !attributes.Equals("any", StringComparison.OrdinalIgnoreCase) && builder.Host?.Contains(',', StringComparison.Ordinal) != true
            ? $"Target Session Attributes={attributes} needs several hosts (Host=primary,standby); with one host, leave it out."
            : null;
    }
}
