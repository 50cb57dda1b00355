using Microsoft.Data.Sqlite;

namespace Streamer.Worker.State;

/// <summary>Keeps each account's last <see cref="FilterDecision"/> in the <c>filters</c> table, for <c>streamer state</c>.</summary>
public sealed class SqliteFilterWriter : ISqliteCommitParticipant
{
    private const string Upsert = """
        INSERT INTO filters (account, filter_on, basis, updated_at_votes, created_at_votes, unclear, decided_unix_ms) VALUES ($a, $f, $b, $u, $c, $x, $d)
        ON CONFLICT (account) DO UPDATE SET filter_on = $f, basis = $b, updated_at_votes = $u, created_at_votes = $c, unclear = $x, decided_unix_ms = $d
        """;

    /// <summary>Replaces the account's decision; a commit without one leaves the table alone.</summary>
    public void Write(SqliteTransaction transaction, string account, StateCommit commit)
    {
        if (commit.Filter is not { } decision)
        {
            return;
        }

        using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Upsert;
        command.Parameters.AddWithValue("$a", account);
        command.Parameters.AddWithValue("$f", decision.FilterOn.ToString());
        command.Parameters.AddWithValue("$b", decision.Basis.ToString());
        command.Parameters.AddWithValue("$u", decision.UpdatedAtVotes);
        command.Parameters.AddWithValue("$c", decision.CreatedAtVotes);
        command.Parameters.AddWithValue("$x", decision.Unclear);
        command.Parameters.AddWithValue("$d", decision.DecidedAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value);
        command.ExecuteNonQuery();
    }
}
