using System.Text.Json;
using Microsoft.Data.Sqlite;
using Streamer.Worker.State;

namespace Streamer.Worker.Media;

/// <summary>
/// The media queue in the SQLite state file (table of <see cref="SqliteMediaJobSchema"/>). Jobs are added
/// as a part of the poller's commit, in its transaction, so a job exists exactly for the records committed.
/// </summary>
public sealed class SqliteMediaJobStore(SqliteStateDatabase database) : IMediaJobStore, ISqliteCommitParticipant
{
    /// <summary>Queues the commit's media jobs; a record already queued keeps its job.</summary>
    public void Write(SqliteTransaction transaction, string account, StateCommit commit)
    {
        if (commit.MediaJobs.Count == 0)
        {
            return;
        }

        using var insert = transaction.Connection!.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT OR IGNORE INTO media_jobs (account, record_id, job, due_unix_ms, attempts, outcome) VALUES ($a, $r, $j, 0, 0, NULL)";
        var accountName = insert.Parameters.Add("$a", SqliteType.Text);
        var record = insert.Parameters.Add("$r", SqliteType.Text);
        var json = insert.Parameters.Add("$j", SqliteType.Text);
        foreach (var job in commit.MediaJobs)
        {
            accountName.Value = job.Account;
            record.Value = job.RecordId;
            json.Value = JsonSerializer.Serialize(job, WorkerJsonContext.Default.MediaJob);
            insert.ExecuteNonQuery();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<PendingMediaJob>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<PendingMediaJob>>(
            transaction =>
            {
                using var select = Command(transaction, "SELECT job, attempts, outcome FROM media_jobs WHERE due_unix_ms <= $n ORDER BY due_unix_ms LIMIT $l");
                select.Parameters.AddWithValue("$n", now.ToUnixTimeMilliseconds());
                select.Parameters.AddWithValue("$l", limit);
                using var reader = select.ExecuteReader();
                var due = new List<PendingMediaJob>();
                while (reader.Read())
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
        database.ReadAsync(
            transaction =>
            {
                using var count = Command(transaction, "SELECT COUNT(*) FROM media_jobs");
                return (long)count.ExecuteScalar()!;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task RescheduleAsync(MediaJob job, int attempts, DateTimeOffset due, CancellationToken cancellationToken) =>
        UpdateAsync(
            job,
            "UPDATE media_jobs SET attempts = $x, due_unix_ms = $d WHERE account = $a AND record_id = $r",
            p =>
            {
                p.AddWithValue("$x", attempts);
                p.AddWithValue("$d", due.ToUnixTimeMilliseconds());
            },
            cancellationToken);

    /// <inheritdoc />
    public Task SaveOutcomeAsync(MediaJob job, MediaOutcome outcome, CancellationToken cancellationToken) =>
        UpdateAsync(
            job,
            "UPDATE media_jobs SET outcome = $o, attempts = $x WHERE account = $a AND record_id = $r",
            p =>
            {
                p.AddWithValue("$o", JsonSerializer.Serialize(outcome, WorkerJsonContext.Default.MediaOutcome));
                p.AddWithValue("$x", outcome.Attempts);
            },
            cancellationToken);

    /// <inheritdoc />
    public Task CompleteAsync(MediaJob job, CancellationToken cancellationToken) =>
        UpdateAsync(job, "DELETE FROM media_jobs WHERE account = $a AND record_id = $r", _ => { }, cancellationToken);

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private Task UpdateAsync(MediaJob job, string sql, Action<SqliteParameterCollection> bind, CancellationToken cancellationToken) =>
        database.WriteAsync(
            transaction =>
            {
                using var command = Command(transaction, sql);
                command.Parameters.AddWithValue("$a", job.Account);
                command.Parameters.AddWithValue("$r", job.RecordId);
                bind(command.Parameters);
                return command.ExecuteNonQuery();
            },
            cancellationToken);
}
