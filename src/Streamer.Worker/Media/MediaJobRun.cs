namespace Streamer.Worker.Media;

/// <summary>One queued job being worked on: its download slot and the rounds it has had so far.</summary>
internal sealed class MediaJobRun(PendingMediaJob pending, DownloadSlot slot) : IDisposable
{
    /// <summary>The job.</summary>
    public MediaJob Job => pending.Job;

    /// <summary>The outcome saved by an earlier run and not published yet, if any.</summary>
    public MediaOutcome? SavedOutcome => pending.Outcome;

    /// <summary>Download rounds with a verdict, earlier runs' included; a round the content store failed does not count.</summary>
    public int Rounds { get; set; } = pending.Attempts;

    /// <summary>Whether the job is waiting for disk space (<see cref="MediaDiskPause"/>).</summary>
    public bool WaitsForDisk { get; set; }

    /// <summary>The job's claim on a download slot.</summary>
    public DownloadSlot Slot => slot;

    /// <inheritdoc />
    public void Dispose() => slot.Dispose();
}
