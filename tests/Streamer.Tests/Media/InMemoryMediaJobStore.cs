using System.Collections.Concurrent;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

/// <summary>The media queue in memory, writing each change to a journal shared with the other fakes.</summary>
public sealed class InMemoryMediaJobStore(ConcurrentQueue<string> journal) : IMediaJobStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (PendingMediaJob Pending, DateTimeOffset Due)> rows = new(StringComparer.Ordinal);
    private readonly List<(string RecordId, int Attempts, DateTimeOffset Due)> reschedules = [];

    /// <summary>Every outcome saved, in order.</summary>
    public ConcurrentQueue<MediaOutcome> Saved { get; } = new();

    /// <summary>Every RescheduleAsync call, in order.</summary>
    public IReadOnlyList<(string RecordId, int Attempts, DateTimeOffset Due)> Reschedules
    {
        get
        {
            lock (gate)
            {
                return [.. reschedules];
            }
        }
    }

    public void Add(MediaJob job, DateTimeOffset due, int attempts = 0, MediaOutcome? outcome = null)
    {
        lock (gate)
        {
            rows[job.RecordId] = (new PendingMediaJob(job, attempts, outcome), due);
        }
    }

    /// <summary>The job of <paramref name="recordId"/> as stored, or null once completed.</summary>
    public (PendingMediaJob Pending, DateTimeOffset Due)? Find(string recordId)
    {
        lock (gate)
        {
            return rows.TryGetValue(recordId, out var row) ? row : null;
        }
    }

    public Task<IReadOnlyList<PendingMediaJob>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<PendingMediaJob> due = [.. rows.Values.Where(r => r.Due <= now).OrderBy(r => r.Due).Take(limit).Select(r => r.Pending)];
            return Task.FromResult(due);
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult((long)rows.Count);
        }
    }

    public Task RescheduleAsync(MediaJob job, int attempts, DateTimeOffset due, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var row = rows[job.RecordId];
            rows[job.RecordId] = (row.Pending with { Attempts = attempts }, due);
            reschedules.Add((job.RecordId, attempts, due));
            journal.Enqueue($"reschedule {job.RecordId}");
        }

        return Task.CompletedTask;
    }

    public Task SaveOutcomeAsync(MediaJob job, MediaOutcome outcome, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var row = rows[job.RecordId];
            rows[job.RecordId] = (row.Pending with { Attempts = outcome.Attempts, Outcome = outcome }, row.Due);
            Saved.Enqueue(outcome);
            journal.Enqueue($"save {job.RecordId}");
        }

        return Task.CompletedTask;
    }

    public Task CompleteAsync(MediaJob job, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            rows.Remove(job.RecordId);
            journal.Enqueue($"complete {job.RecordId}");
        }

        return Task.CompletedTask;
    }
}
