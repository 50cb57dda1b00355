using Microsoft.Data.Sqlite;

namespace Streamer.Worker.State;

/// <summary>
/// Writes its part of a <see cref="StateCommit"/> inside the transaction of
/// <see cref="SqliteStateStore.CommitAsync"/>, after the snapshots and the cursor, so that part is durable
/// exactly when they are: the media queue, the outbox and the passes.
/// </summary>
public interface ISqliteCommitParticipant
{
    /// <summary>Writes its part of <paramref name="commit"/>; throwing rolls the whole commit back.</summary>
    void Write(SqliteTransaction transaction, string account, StateCommit commit);
}
