namespace Streamer.Worker.State;

/// <summary>
/// The storage behind <see cref="IStateStore"/> and <see cref="Media.IMediaJobStore"/>: opened and brought to
/// the current schema once, by <see cref="StateStoreInitializer"/> when the host starts (unless
/// <c>State:MigrateAtStart</c> is false: then only checked to be at it). SQLite
/// (<see cref="SqliteStateDatabase"/>, locked against a second worker) and PostgreSQL
/// (<see cref="Postgres.PostgresStateDatabase"/>, shared by several) implement it.
/// </summary>
public interface IStateDatabase
{
    /// <summary>The schema version this worker brings the storage to.</summary>
    int SchemaVersion { get; }

    /// <summary>Opens (locks) and migrates the storage; called once, before any store is used.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>Brings the storage to <see cref="SchemaVersion"/> and returns it, keeping nothing open (<c>streamer migrate</c>).</summary>
    Task<int> MigrateAsync(CancellationToken cancellationToken);
}
