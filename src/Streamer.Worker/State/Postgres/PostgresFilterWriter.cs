using Npgsql;
using NpgsqlTypes;

namespace Streamer.Worker.State.Postgres;

/// <summary>Keeps each account's last <see cref="FilterDecision"/> in the <c>filters</c> table, for <c>streamer state</c>.</summary>
public sealed class PostgresFilterWriter : IPostgresCommitParticipant
{
    private const string Upsert = """
        INSERT INTO filters (account, filter_on, basis, updated_at_votes, created_at_votes, unclear, decided_unix_ms) VALUES ($1, $2, $3, $4, $5, $6, $7)
        ON CONFLICT (account) DO UPDATE SET filter_on = EXCLUDED.filter_on, basis = EXCLUDED.basis, updated_at_votes = EXCLUDED.updated_at_votes,
            created_at_votes = EXCLUDED.created_at_votes, unclear = EXCLUDED.unclear, decided_unix_ms = EXCLUDED.decided_unix_ms
        """;

    /// <summary>Replaces the account's decision; a commit without one leaves the table alone.</summary>
    public async Task WriteAsync(NpgsqlTransaction transaction, string account, StateCommit commit, CancellationToken cancellationToken)
    {
        if (commit.Filter is not { } decision)
        {
            return;
        }

        await using var command = new NpgsqlCommand(Upsert, transaction.Connection, transaction);
        command.Parameters.Add(new() { Value = account });
        command.Parameters.Add(new() { Value = decision.FilterOn.ToString() });
        command.Parameters.Add(new() { Value = decision.Basis.ToString() });
        command.Parameters.Add(new() { Value = decision.UpdatedAtVotes });
        command.Parameters.Add(new() { Value = decision.CreatedAtVotes });
        command.Parameters.Add(new() { Value = decision.Unclear });
        command.Parameters.Add(new NpgsqlParameter { Value = decision.DecidedAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
