using Npgsql;

namespace Streamer.Worker.State.Postgres;

/// <summary>
/// Writes its part of a <see cref="StateCommit"/> inside the transaction of
/// <see cref="PostgresStateStore.CommitAsync"/>, after the snapshots and the cursor, as
/// <see cref="ISqliteCommitParticipant"/> does for SQLite: the media queue, the passes, the filter decision
/// and, last, the outbox.
/// </summary>
public interface IPostgresCommitParticipant
{
    /// <summary>Writes its part of <paramref name="commit"/>; throwing rolls the whole commit back.</summary>
    Task WriteAsync(NpgsqlTransaction transaction, string account, StateCommit commit, CancellationToken cancellationToken);
}
