using Microsoft.Extensions.Options;
using Streamer.Contracts;
using Streamer.Worker.Publishing;

namespace Streamer.Worker.Media;

/// <summary>
/// Works the media queue beside the message stream (it never holds back a message event): downloads due
/// jobs, a bounded number at once, stores them, then publishes the outcome and only after the broker's
/// confirmation removes the job. A crash anywhere leaves the job queued, so a restart picks it up again.
/// </summary>
internal sealed class MediaArchiver(
    IMediaJobStore jobs,
    MediaDownloader downloader,
    IContentStore store,
    IEventPublisher publisher,
    IOptions<MediaArchiveOptions> options,
    TimeProvider time,
    StreamerMetrics metrics,
    ILogger<MediaArchiver> logger) : BackgroundService
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);
    private readonly MediaArchiveOptions settings = options.Value;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!settings.Enabled)
        {
            return;
        }

        RemoveIncoming();
        Log.MediaArchiving(logger, Path.GetFullPath(settings.Path), settings.Concurrency);
        var running = new Dictionary<string, Task>(StringComparer.Ordinal);
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        try
        {
            do
            {
                await StartDueAsync(running, stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(running.Values).ConfigureAwait(false);
        }
    }

    // Keeps every slot busy while jobs are due; returns once none is due (the timer looks again later).
    private async Task StartDueAsync(Dictionary<string, Task> running, CancellationToken cancellationToken)
    {
        while (true)
        {
            foreach (var done in running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
            {
                running.Remove(done);
            }

            if (running.Count >= settings.Concurrency)
            {
                await Task.WhenAny(running.Values).ConfigureAwait(false);
                continue;
            }

            IReadOnlyList<PendingMediaJob> due;
            try
            {
                due = await jobs.GetDueAsync(time.GetUtcNow(), settings.Concurrency + running.Count, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.MediaQueueUnreadable(logger, ex.GetType().Name, ex);
                return;
            }

            var started = 0;
            foreach (var pending in due)
            {
                if (running.Count >= settings.Concurrency)
                {
                    break;
                }

                if (!running.ContainsKey(pending.Key))
                {
                    running[pending.Key] = Task.Run(() => RunAsync(pending, cancellationToken), CancellationToken.None);
                    started++;
                }
            }

            if (started == 0)
            {
                return;
            }
        }
    }

    private async Task RunAsync(PendingMediaJob pending, CancellationToken cancellationToken)
    {
        var job = pending.Job;
        try
        {
            var outcome = pending.Outcome ?? await DecideAsync(pending, cancellationToken).ConfigureAwait(false);
            if (outcome is null)
            {
                return;
            }

            if (pending.Outcome is null)
            {
                await jobs.SaveOutcomeAsync(job, outcome, cancellationToken).ConfigureAwait(false);
            }

            await PublishAsync(job, outcome, cancellationToken).ConfigureAwait(false);
            await jobs.CompleteAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The store or the broker failed, not the download: try again later without counting an attempt.
            Log.MediaJobDeferred(logger, job.Account, job.RecordId, ex.GetType().Name, settings.RetryDelay, ex);
            await TryRescheduleAsync(job, pending.Attempts, settings.RetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    // Null when the download failed for now and was rescheduled.
    private async Task<MediaOutcome?> DecideAsync(PendingMediaJob pending, CancellationToken cancellationToken)
    {
        var job = pending.Job;
        var attempts = pending.Attempts + 1;
        try
        {
            using var media = await downloader.DownloadAsync(job, cancellationToken).ConfigureAwait(false);
            string location;
            await using (var content = media.Open())
            {
                location = await store.PutAsync(media.Sha256, content, media.Size, media.ContentType, cancellationToken).ConfigureAwait(false);
            }

            return new MediaOutcome
            {
                At = time.GetUtcNow(),
                Attempts = attempts,
                Sha256 = media.Sha256,
                Size = media.Size,
                MimeType = media.ContentType,
                Location = location,
            };
        }
        catch (MediaDownloadException ex) when (ex.Failure is { } failure)
        {
            return Failed(failure, ex.Message, attempts);
        }
        catch (MediaDownloadException ex)
        {
            var now = time.GetUtcNow();
            if (job.LinkExpiresAt is { } expires && now >= expires)
            {
                return Failed(MediaArchiveFailure.LinkExpired, $"the link expired while downloads failed; last: {ex.Message}", attempts);
            }

            if (attempts >= settings.MaxAttempts)
            {
                return Failed(MediaArchiveFailure.Unavailable, $"{attempts} attempts failed; last: {ex.Message}", attempts);
            }

            var delay = TimeSpan.FromTicks(Math.Min(settings.RetryDelay.Ticks * (1L << Math.Min(attempts - 1, 20)), MaxRetryDelay.Ticks));
            Log.MediaRetry(logger, job.Account, job.RecordId, ex.Message, attempts, delay);
            await TryRescheduleAsync(job, attempts, delay, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    private MediaOutcome Failed(MediaArchiveFailure failure, string detail, int attempts) =>
        new() { At = time.GetUtcNow(), Attempts = attempts, Failure = failure, Detail = detail };

    private async Task PublishAsync(MediaJob job, MediaOutcome outcome, CancellationToken cancellationToken)
    {
        var message = MediaJobs.EventOf(job, outcome);
        await publisher.PublishMediaOutcomeAsync(message, cancellationToken).ConfigureAwait(false);
        switch (message)
        {
            case ChatMediaArchived archived:
                metrics.MediaArchived(job.Account, archived.Size);
                Log.MediaArchived(logger, job.Account, job.RecordId, archived.Size, outcome.Attempts);
                break;
            case ChatMediaArchiveFailed failed:
                metrics.MediaFailed(job.Account, failed.Reason);
                Log.MediaArchiveFailed(logger, job.Account, job.RecordId, failed.Reason, failed.Detail);
                break;
        }
    }

    private async Task TryRescheduleAsync(MediaJob job, int attempts, TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await jobs.RescheduleAsync(job, attempts, time.GetUtcNow() + delay, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Still due: the next look at the queue takes it again.
            Log.MediaQueueUnreadable(logger, ex.GetType().Name, ex);
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Downloads cut short by a crash; their jobs are still queued.
    private void RemoveIncoming()
    {
        if (Directory.Exists(downloader.IncomingFolder))
        {
            foreach (var file in Directory.EnumerateFiles(downloader.IncomingFolder))
            {
                File.Delete(file);
            }
        }
    }
}
