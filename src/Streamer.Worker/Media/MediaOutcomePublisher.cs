using Streamer.Contracts;
using Streamer.Nxlink;
using Streamer.Worker.Publishing;

namespace Streamer.Worker.Media;

/// <summary>Publishes a job's outcome as its event and counts and logs it once the broker confirmed it.</summary>
internal sealed class MediaOutcomePublisher(IEventPublisher publisher, StreamerMetrics metrics, ILogger<MediaOutcomePublisher> logger)
{
    /// <summary>Publishes <paramref name="outcome"/>; completes when the broker confirmed it.</summary>
    public async Task PublishAsync(MediaJob job, MediaOutcome outcome, CancellationToken cancellationToken)
    {
        var message = MediaJobs.EventOf(job, outcome);
        await publisher.PublishMediaOutcomeAsync(message, cancellationToken).ConfigureAwait(false);
        switch (message)
        {
            case ChatMediaArchived archived:
                metrics.MediaArchived(job.Account, archived.Size);
                Log.MediaArchived(logger, job.Account, UntrustedText.Clean(job.RecordId), archived.Size, outcome.Attempts);
                break;
            case ChatMediaArchiveFailed failed:
                metrics.MediaFailed(job.Account, failed.Reason);
                Log.MediaArchiveFailed(logger, job.Account, UntrustedText.Clean(job.RecordId), failed.Reason, UntrustedText.Clean(failed.Detail));
                break;
        }
    }
}
