using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Streamer.Contracts;
using Streamer.Nxlink;

namespace Streamer.Worker.Media;

/// <summary>
/// Decides a job's outcome in download rounds: a round is one download (with its quick retries) and the
/// store of its content. A round that fails for now is followed by another under a Polly retry, exponential
/// from <c>MediaArchive:RetryDelay</c> up to five minutes, for at most <c>MaxAttempts</c> rounds and while the
/// link has not expired. Each failed round is saved with its next due time, so a restart resumes at that round.
/// A round that meets a full disk is no round: the job waits for room under a back-off of its own (from
/// <c>RetryDelay</c>, at most five minutes, without end) while <see cref="MediaDiskPause"/> holds other jobs back.
/// </summary>
internal sealed class MediaDownloadRounds(
    MediaDownloader downloader,
    IContentStore store,
    IMediaJobStore jobs,
    IOptions<MediaArchiveOptions> options,
    MediaDiskPause pause,
    TimeProvider time,
    ILogger<MediaDownloadRounds> logger)
{
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    private readonly MediaArchiveOptions settings = options.Value;

    /// <summary>
    /// Runs rounds until the job is stored or failed for good. Throws what the content store or the queue
    /// threw (the job is then deferred without counting the round).
    /// </summary>
    public async Task<MediaOutcome> DecideAsync(MediaJobRun run, CancellationToken cancellationToken)
    {
        var pipeline = Pipeline(run);
        var disk = DiskPipeline(run);
        try
        {
            return await pipeline.ExecuteAsync(ct => new ValueTask<MediaOutcome>(RoundAsync(run, disk, ct)), cancellationToken).ConfigureAwait(false);
        }
        catch (MediaDownloadException ex) when (ex.Failure is { } failure)
        {
            return Failed(failure, ex.Message, run.Rounds);
        }
        catch (MediaDownloadException ex) when (LinkExpired(run.Job))
        {
            return Failed(MediaArchiveFailure.LinkExpired, $"the link expired while downloads failed; last: {ex.Message}", run.Rounds);
        }
        catch (MediaDownloadException ex)
        {
            return Failed(MediaArchiveFailure.Unavailable, $"{run.Rounds} attempts failed; last: {ex.Message}", run.Rounds);
        }
    }

    // One pipeline per run: its retries are the rounds the job has left.
    private ResiliencePipeline<MediaOutcome> Pipeline(MediaJobRun run)
    {
        var builder = new ResiliencePipelineBuilder<MediaOutcome> { TimeProvider = time };
        var retries = settings.MaxAttempts - run.Rounds - 1;
        if (retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<MediaOutcome>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is MediaDownloadException { IsPermanent: false } && !LinkExpired(run.Job)),
                MaxRetryAttempts = retries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = FirstDelay(run.Rounds),
                MaxDelay = MaxRetryDelay,
                OnRetry = args => OnRetryAsync(run, args),
            });
        }

        return builder.Build();
    }

    // Retries a round as long as the disk is full; the delay grows like the rounds' and the slot is given back meanwhile.
    private ResiliencePipeline<MediaOutcome> DiskPipeline(MediaJobRun run) =>
        new ResiliencePipelineBuilder<MediaOutcome> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<MediaOutcome>
            {
                ShouldHandle = args => ValueTask.FromResult(DiskFull.Is(args.Outcome.Exception)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                Delay = settings.RetryDelay,
                MaxDelay = MaxRetryDelay,
                OnRetry = args =>
                {
                    // Paused before the slot is given back, so the archiver cannot start another job on it.
                    pause.Wait(first: !run.WaitsForDisk, args.Outcome.Exception!, args.RetryDelay);
                    run.WaitsForDisk = true;
                    run.Slot.Release();
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    // Polly counts retries from this run's first round; a job resumed after n failed rounds goes on with the
    // back-off of round n instead of starting over.
    private TimeSpan FirstDelay(int failedRounds) =>
        TimeSpan.FromTicks(Math.Min(settings.RetryDelay.Ticks << Math.Min(failedRounds, 20), MaxRetryDelay.Ticks));

    private async Task<MediaOutcome> RoundAsync(MediaJobRun run, ResiliencePipeline<MediaOutcome> disk, CancellationToken cancellationToken)
    {
        try
        {
            return await disk.ExecuteAsync(ct => new ValueTask<MediaOutcome>(DownloadAndStoreAsync(run, ct)), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (run.WaitsForDisk)
            {
                run.WaitsForDisk = false;
                pause.Done();
            }
        }
    }

    // One round: counted once the download has a verdict; a full disk or a failing store leaves it uncounted.
    private async Task<MediaOutcome> DownloadAndStoreAsync(MediaJobRun run, CancellationToken cancellationToken)
    {
        await run.Slot.TakeAsync(cancellationToken).ConfigureAwait(false);
        DownloadedMedia media;
        try
        {
            media = await downloader.DownloadAsync(run.Job, cancellationToken).ConfigureAwait(false);
        }
        catch (MediaDownloadException)
        {
            run.Rounds++;
            throw;
        }

        using (media)
        {
            string location;
            await using (var content = media.Open())
            {
                location = await store.PutAsync(media.Sha256, content, media.Size, media.ContentType, cancellationToken).ConfigureAwait(false);
            }

            run.Rounds++;
            return new MediaOutcome
            {
                At = time.GetUtcNow(),
                Attempts = run.Rounds,
                Sha256 = media.Sha256,
                Size = media.Size,
                MimeType = media.ContentType,
                Location = location,
            };
        }
    }

    private async ValueTask OnRetryAsync(MediaJobRun run, OnRetryArguments<MediaOutcome> args)
    {
        // Waiting for the next round holds no slot: another due job may download meanwhile.
        run.Slot.Release();
        var job = run.Job;
        Log.MediaRetry(logger, job.Account, UntrustedText.Clean(job.RecordId), UntrustedText.Clean(args.Outcome.Exception!.Message), run.Rounds, args.RetryDelay);
        try
        {
            await jobs.RescheduleAsync(job, run.Rounds, time.GetUtcNow() + args.RetryDelay, args.Context.CancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The round still follows; only a crash before it would repeat the rounds since the last save.
            Log.MediaQueueUnreadable(logger, ex.GetType().Name, ex);
        }
    }

    private bool LinkExpired(MediaJob job) => job.LinkExpiresAt is { } expires && time.GetUtcNow() >= expires;

    private MediaOutcome Failed(MediaArchiveFailure failure, string detail, int attempts) =>
        new() { At = time.GetUtcNow(), Attempts = attempts, Failure = failure, Detail = detail };
}
