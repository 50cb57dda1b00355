namespace Streamer.Worker.State;

/// <summary>Which database holds the state (<c>State:Provider</c>).</summary>
public enum StateProvider
{
    /// <summary>A SQLite file (<c>State:Path</c>), for one worker: the embedded default.</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL database (<c>State:ConnectionString</c>), which several workers can share.</summary>
    Postgres = 1,
}
