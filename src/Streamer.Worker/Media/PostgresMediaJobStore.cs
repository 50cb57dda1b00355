using System.Text.Json;
using Npgsql;
using Streamer.Worker.Cluster;
using Streamer.Worker.State;
using Streamer.Worker.State.Postgres;

namespace Streamer.Worker.Media;

/// <summary>
/// The media queue in the PostgreSQL state database (table of <see cref="PostgresMediaJobSchema"/>). Jobs
/// are added as a part of the poller's commit, in its transaction and in one statement, so a job exists
/// exactly for the records committed. In a cluster each instance takes the due jobs of the accounts it holds
/// (<paramref name="scope"/>), so one database's jobs are not downloaded once per instance.
/// </summary>
public sealed class PostgresMediaJobStore(PostgresStateDatabase database, IAccountScope? scope = null) : IMediaJobStore, IPostgresCommitParticipant
{
    private const string Insert = """
        INSERT INTO media_jobs (account, record_id, job, due_unix_ms, attempts, outcome)
        SELECT a, r, j, 0, 0, NULL FROM unnest($1::text[], $2::text[], $3::text[]) AS u(a, r, j)
        ON CONFLICT (account, record_id) DO NOTHING
        """;

    /// <summary>Queues the commit's media jobs; a record already queued keeps its job.</summary>
    public async Task WriteAsync(NpgsqlTransaction transaction, string account, StateCommit commit, CancellationToken cancellationToken)
    {
        var jobs = commit.MediaJobs;
        if (jobs.Count == 0)
        {
            return;
        }

        await using var insert = new NpgsqlCommand(Insert, transaction.Connection, transaction);
        insert.Parameters.Add(new() { Value = jobs.Select(j => j.Account).ToArray() });
        insert.Parameters.Add(new() { Value = jobs.Select(j => j.RecordId).ToArray() });
        insert.Parameters.Add(new() { Value = jobs.Select(j => JsonSerializer.Serialize(j, WorkerJsonContext.Default.MediaJob)).ToArray() });
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingMediaJob>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        database.UseAsync<IReadOnlyList<PendingMediaJob>>(
            async connection =>
            {
                await using var select = new NpgsqlCommand("SELECT job, attempts, outcome FROM media_jobs WHERE due_unix_ms <= $1 AND ($3::text[] IS NULL OR account = ANY($3)) ORDER BY due_unix_ms, account, record_id LIMIT $2", connection);
                select.Parameters.Add(new() { Value = now.ToUnixTimeMilliseconds() });
                select.Parameters.Add(new() { Value = limit });
                select.Parameters.Add(new NpgsqlParameter { Value = scope?.Owned is { } owned ? owned.ToArray() : DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
                await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                var due = new List<PendingMediaJob>();
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var job = JsonSerializer.Deserialize(reader.GetString(0), WorkerJsonContext.Default.MediaJob)!;
                    var outcome = reader.IsDBNull(2) ? null : JsonSerializer.Deserialize(reader.GetString(2), WorkerJsonContext.Default.MediaOutcome);
                    due.Add(new PendingMediaJob(job, reader.GetInt32(1), outcome));
                }

                return due;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        database.UseAsync(
            async connection =>
            {
                await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM media_jobs", connection);
                return (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task RescheduleAsync(MediaJob job, int attempts, DateTimeOffset due, CancellationToken cancellationToken) =>
        UpdateAsync(job, "UPDATE media_jobs SET attempts = $3, due_unix_ms = $4 WHERE account = $1 AND record_id = $2", [attempts, due.ToUnixTimeMilliseconds()], cancellationToken);

    /// <inheritdoc />
    public Task SaveOutcomeAsync(MediaJob job, MediaOutcome outcome, CancellationToken cancellationToken) =>
        UpdateAsync(job, "UPDATE media_jobs SET outcome = $3, attempts = $4 WHERE account = $1 AND record_id = $2", [JsonSerializer.Serialize(outcome, WorkerJsonContext.Default.MediaOutcome), outcome.Attempts], cancellationToken);

    /// <inheritdoc />
    public Task CompleteAsync(MediaJob job, CancellationToken cancellationToken) =>
        UpdateAsync(job, "DELETE FROM media_jobs WHERE account = $1 AND record_id = $2", [], cancellationToken);

    private Task UpdateAsync(MediaJob job, string sql, object[] values, CancellationToken cancellationToken) =>
        database.UseAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                command.Parameters.Add(new() { Value = job.Account });
                command.Parameters.Add(new() { Value = job.RecordId });
                foreach (var value in values)
                {
                    command.Parameters.Add(new() { Value = value });
                }

                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
}
