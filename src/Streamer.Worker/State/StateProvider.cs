namespace Streamer.Worker.State;

/// <summary>Where the state lives (<c>State:Provider</c>).</summary>
public enum StateProvider
{
    /// <summary>A SQLite file: one instance, locked against a second.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database shared by the instances of a cluster.</summary>
    Postgres,
}
