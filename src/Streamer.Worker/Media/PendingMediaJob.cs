namespace Streamer.Worker.Media;

/// <summary>A job as stored: how many rounds it had, and its outcome once decided (published next, then deleted).</summary>
public sealed record PendingMediaJob(MediaJob Job, int Attempts, MediaOutcome? Outcome)
{
    /// <summary>Identifies the job among all accounts'.</summary>
    public string Key => $"{Job.Account}\n{Job.RecordId}";
}
