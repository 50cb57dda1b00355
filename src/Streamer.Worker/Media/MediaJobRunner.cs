using Microsoft.Extensions.Options;
using Streamer.Nxlink;

namespace Streamer.Worker.Media;

/// <summary>
/// Takes one queued job to its end: decides its outcome (unless an earlier run saved one), saves it, publishes
/// it and removes the job only after the broker confirmed. When the queue, the content store or the broker
/// fails, the job is deferred by <c>MediaArchive:RetryDelay</c> without counting a round, keeping its saved outcome.
/// </summary>
internal sealed class MediaJobRunner(
    IMediaJobStore jobs,
    MediaDownloadRounds rounds,
    MediaOutcomePublisher outcomes,
    IOptions<MediaArchiveOptions> options,
    TimeProvider time,
    ILogger<MediaJobRunner> logger)
{
    private readonly MediaArchiveOptions settings = options.Value;

    /// <summary>Runs <paramref name="run"/> and gives its download slot back at the end.</summary>
    public async Task RunAsync(MediaJobRun run, CancellationToken cancellationToken)
    {
        using (run)
        {
            var job = run.Job;
            try
            {
                var outcome = run.SavedOutcome;
                if (outcome is null)
                {
                    outcome = await rounds.DecideAsync(run, cancellationToken).ConfigureAwait(false);
                    await jobs.SaveOutcomeAsync(job, outcome, cancellationToken).ConfigureAwait(false);
                }

                await outcomes.PublishAsync(job, outcome, cancellationToken).ConfigureAwait(false);
                await jobs.CompleteAsync(job, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Stopping: the job stays queued as last saved.
            }
            catch (Exception ex)
            {
                Log.MediaJobDeferred(logger, job.Account, UntrustedText.Clean(job.RecordId), ex.GetType().Name, settings.RetryDelay, ex);
                await DeferAsync(run, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task DeferAsync(MediaJobRun run, CancellationToken cancellationToken)
    {
        try
        {
            await jobs.RescheduleAsync(run.Job, run.Rounds, time.GetUtcNow() + settings.RetryDelay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Still due: the next look at the queue takes it again.
            Log.MediaQueueUnreadable(logger, ex.GetType().Name, ex);
        }
    }
}
