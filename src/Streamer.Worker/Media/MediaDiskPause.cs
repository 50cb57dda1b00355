namespace Streamer.Worker.Media;

/// <summary>
/// Whether media downloads are paused because the disk is full (gauge <c>streamer.media.paused</c>). A job that
/// meets a full disk waits for room under its own back-off and tries again; while any job waits, the archiver
/// starts no other. The pause ends when no job waits any more: its retry stored the file or ended otherwise.
/// </summary>
internal sealed class MediaDiskPause
{
    private readonly TimeProvider time;
    private readonly ILogger<MediaDiskPause> logger;
    private readonly Lock gate = new();
    private int waiting;
    private long since;

    /// <summary>Creates the pause and reports its gauge.</summary>
    public MediaDiskPause(StreamerMetrics metrics, TimeProvider time, ILogger<MediaDiskPause> logger)
    {
        this.time = time;
        this.logger = logger;
        metrics.ObserveMediaPaused(() => IsPaused ? 1 : 0);
    }

    /// <summary>Whether a job is waiting for disk space.</summary>
    public bool IsPaused => Volatile.Read(ref waiting) > 0;

    /// <summary>A job met a full disk and waits <paramref name="delay"/>; <paramref name="first"/> when it was not waiting yet.</summary>
    public void Wait(bool first, Exception error, TimeSpan delay)
    {
        if (!first)
        {
            Log.MediaDiskStillFull(logger, delay);
            return;
        }

        lock (gate)
        {
            if (waiting++ == 0)
            {
                since = time.GetTimestamp();
                Log.MediaDiskFull(logger, error.Message, delay);
            }
        }
    }

    /// <summary>A job that waited for disk space is done waiting.</summary>
    public void Done()
    {
        lock (gate)
        {
            if (--waiting == 0)
            {
                Log.MediaDiskRoom(logger, time.GetElapsedTime(since));
            }
        }
    }
}
