using Microsoft.Data.Sqlite;
using Streamer.Worker.State;

namespace Streamer.Tests.State;

/// <summary>A commit participant that always throws, to show what a rolled-back commit leaves behind.</summary>
internal sealed class FailingCommitParticipant : ISqliteCommitParticipant
{
    public void Write(SqliteTransaction transaction, string account, StateCommit commit) =>
        throw new InvalidOperationException("This participant fails every commit.");
}
