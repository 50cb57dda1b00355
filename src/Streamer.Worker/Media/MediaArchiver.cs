using Microsoft.Extensions.Options;

namespace Streamer.Worker.Media;

/// <summary>
/// Works the media queue beside the message stream (it never holds back a message event): starts each due
/// job once one of the <c>MediaArchive:Concurrency</c> download slots is free and hands it to the
/// <see cref="MediaJobRunner"/>. A crash anywhere leaves the job queued, so a restart picks it up again. While a
/// job waits for disk space (<see cref="MediaDiskPause"/>) no other is started.
/// </summary>
internal sealed class MediaArchiver(
    IMediaJobStore jobs,
    MediaJobRunner runner,
    MediaDownloader downloader,
    MediaDiskPause pause,
    IOptions<MediaArchiveOptions> options,
    TimeProvider time,
    ILogger<MediaArchiver> logger) : BackgroundService
{
    private readonly MediaArchiveOptions settings = options.Value;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        downloader.RemoveIncoming();
        Log.MediaArchiving(logger, Path.GetFullPath(settings.Path), settings.Concurrency);

        // Jobs in flight include those waiting for their next round; only the slots bound the work at once.
        using var slots = new SemaphoreSlim(settings.Concurrency, settings.Concurrency);
        var inFlight = new Dictionary<string, Task>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        try
        {
            do
            {
                await StartDueAsync(slots, inFlight, stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(inFlight.Values).ConfigureAwait(false);
        }
    }

    // Keeps every slot busy while jobs are due and the disk has room; returns once none is due or the disk is
    // full (the timer looks again later).
    private async Task StartDueAsync(SemaphoreSlim slots, Dictionary<string, Task> inFlight, CancellationToken cancellationToken)
    {
        while (!pause.IsPaused)
        {
            foreach (var done in inFlight.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
            {
                inFlight.Remove(done);
            }

            // Jobs in flight may be among the rows: this many leave room for Concurrency others.
            IReadOnlyList<PendingMediaJob> due;
            try
            {
                due = await jobs.GetDueAsync(time.GetUtcNow(), settings.Concurrency + inFlight.Count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.MediaQueueUnreadable(logger, ex.GetType().Name, ex);
                return;
            }

            // Only this loop starts jobs, so a job not in flight now is still untouched when its slot comes.
            var fresh = due.Where(p => !inFlight.ContainsKey(p.Key)).ToList();
            if (fresh.Count == 0)
            {
                return;
            }

            foreach (var pending in fresh)
            {
                var slot = await DownloadSlot.ClaimAsync(slots, cancellationToken).ConfigureAwait(false);
                if (pause.IsPaused)
                {
                    slot.Dispose();
                    return;
                }

                var run = new MediaJobRun(pending, slot);
                inFlight[pending.Key] = Task.Run(() => runner.RunAsync(run, cancellationToken), CancellationToken.None);
            }
        }
    }
}
