using Npgsql;

namespace Streamer.Worker.State.Postgres;

/// <summary>Keeps each account's last <see cref="PassSummary"/> per horizon in the <c>passes</c> table, written with the commit that ends the pass.</summary>
public sealed class PostgresPassWriter : IPostgresCommitParticipant
{
    private const string Upsert = """
        INSERT INTO passes (account, horizon, finished_unix_ms, duration_ms, requests, records) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (account, horizon) DO UPDATE SET finished_unix_ms = EXCLUDED.finished_unix_ms, duration_ms = EXCLUDED.duration_ms,
            requests = EXCLUDED.requests, records = EXCLUDED.records
        """;

    /// <summary>Replaces the account's pass of the same horizon; a commit without a pass leaves the table alone.</summary>
    public async Task WriteAsync(NpgsqlTransaction transaction, string account, StateCommit commit, CancellationToken cancellationToken)
    {
        if (commit.Pass is not { } pass)
        {
            return;
        }

        await using var command = new NpgsqlCommand(Upsert, transaction.Connection, transaction);
        command.Parameters.Add(new() { Value = account });
        command.Parameters.Add(new() { Value = pass.Horizon });
        command.Parameters.Add(new() { Value = pass.FinishedAt.ToUnixTimeMilliseconds() });
        command.Parameters.Add(new() { Value = (long)pass.Duration.TotalMilliseconds });
        command.Parameters.Add(new() { Value = pass.Requests });
        command.Parameters.Add(new() { Value = pass.Records });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
