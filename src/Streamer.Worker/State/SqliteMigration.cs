namespace Streamer.Worker.State;

/// <summary>
/// One forward-only step of the SQLite state file's schema. Each area contributes its own through DI
/// (the records and cursors here, the media queue in Media); versions are numbered 1, 2, 3… across all
/// areas, and <see cref="SqliteStateDatabase"/> applies the missing ones in order when the worker starts.
/// </summary>
/// <param name="Version">Its place in the order; a file records the highest version applied.</param>
/// <param name="Description">What it adds, for the version table and the log.</param>
/// <param name="Sql">The statements; they run in one transaction with the version row, so a step is applied whole or not at all.</param>
public sealed record SqliteMigration(int Version, string Description, string Sql);
