namespace Streamer.Worker.Media;

/// <summary>
/// The persistent queue of media downloads. Jobs are added with the poller's commit
/// (<see cref="State.IStateStore.CommitAsync"/>)
/// and leave it only once their outcome was confirmed by the broker.
/// </summary>
public interface IMediaJobStore
{
    /// <summary>Up to <paramref name="limit"/> jobs due at <paramref name="now"/>, the earliest due first.</summary>
    Task<IReadOnlyList<PendingMediaJob>> GetDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>Counts the jobs not finished yet.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>Records a failed round and when to try again.</summary>
    Task RescheduleAsync(MediaJob job, int attempts, DateTimeOffset due, CancellationToken cancellationToken);

    /// <summary>Saves the job's outcome before it is published.</summary>
    Task SaveOutcomeAsync(MediaJob job, MediaOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Removes a job whose outcome the broker confirmed.</summary>
    Task CompleteAsync(MediaJob job, CancellationToken cancellationToken);
}
