using Microsoft.Data.Sqlite;

namespace Streamer.Worker.State;

/// <summary>
/// Keeps each account's last <see cref="PassSummary"/> per horizon in the <c>passes</c> table, written with
/// the commit that ends the pass so the summary never describes a pass whose state was rolled back.
/// </summary>
public sealed class SqlitePassWriter : ISqliteCommitParticipant
{
    private const string Upsert = """
        INSERT INTO passes (account, horizon, finished_unix_ms, duration_ms, requests, records) VALUES ($a, $h, $f, $d, $q, $r)
        ON CONFLICT (account, horizon) DO UPDATE SET finished_unix_ms = $f, duration_ms = $d, requests = $q, records = $r
        """;

    /// <summary>Replaces the account's pass of the same horizon; a commit without a pass leaves the table alone.</summary>
    public void Write(SqliteTransaction transaction, string account, StateCommit commit)
    {
        if (commit.Pass is not { } pass)
        {
            return;
        }

        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Upsert;
        command.Parameters.AddWithValue("$a", account);
        command.Parameters.AddWithValue("$h", pass.Horizon);
        command.Parameters.AddWithValue("$f", pass.FinishedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$d", (long)pass.Duration.TotalMilliseconds);
        command.Parameters.AddWithValue("$q", pass.Requests);
        command.Parameters.AddWithValue("$r", pass.Records);
        command.ExecuteNonQuery();
    }
}
