namespace Streamer.Worker.State;

/// <summary>
/// The storage behind <see cref="IStateStore"/> and <see cref="Media.IMediaJobStore"/>: opened, locked
/// against a second worker and brought to the current schema once, by <see cref="StateStoreInitializer"/>
/// when the host starts. SQLite implements it; another backend brings its own.
/// </summary>
public interface IStateDatabase
{
    /// <summary>Opens, locks and migrates the storage; called once, before any store is used.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);
}
