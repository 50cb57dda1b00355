using Streamer.Contracts;

namespace Streamer.Worker.Media;

/// <summary>Which events start a media download: a new record with a media link (media messages, template headers).</summary>
internal static class MediaJobs
{
    /// <summary>Adds a job for each <see cref="ChatMessageCreated"/> in <paramref name="events"/> that carries a link.</summary>
    public static void Collect(string account, IReadOnlyList<ChatMessageEvent> events, List<MediaJob> into)
    {
        foreach (var message in events)
        {
            if (message is ChatMessageCreated { Media: { Link.Length: > 0 } media } created)
            {
                into.Add(new MediaJob
                {
                    Account = account,
                    TenantId = created.TenantId,
                    RecordId = created.RecordId,
                    MessageId = created.MessageId,
                    ConversationId = created.ConversationId,
                    FileName = media.FileName,
                    MimeType = media.MimeType,
                    Link = media.Link,
                    LinkExpiresAt = media.LinkExpiresAt,
                });
            }
        }
    }

    /// <summary>The event a decided outcome publishes: archived or failed, under one id per record.</summary>
    public static ChatMediaArchiveOutcome EventOf(MediaJob job, MediaOutcome outcome)
    {
        var id = Detection.EventIds.Create(job.TenantId, job.RecordId, "media", string.Empty);
        if (outcome.Failure is { } failure)
        {
            return new ChatMediaArchiveFailed
            {
                EventId = id,
                TenantId = job.TenantId,
                Account = job.Account,
                RecordId = job.RecordId,
                MessageId = job.MessageId,
                ConversationId = job.ConversationId,
                FileName = job.FileName,
                MimeType = job.MimeType,
                Reason = failure,
                Detail = outcome.Detail ?? failure.ToString(),
                Attempts = outcome.Attempts,
                FailedAt = outcome.At,
            };
        }

        return new ChatMediaArchived
        {
            EventId = id,
            TenantId = job.TenantId,
            Account = job.Account,
            RecordId = job.RecordId,
            MessageId = job.MessageId,
            ConversationId = job.ConversationId,
            FileName = job.FileName,
            MimeType = outcome.MimeType ?? job.MimeType ?? "application/octet-stream",
            Size = outcome.Size,
            Sha256 = outcome.Sha256!,
            Location = outcome.Location!,
            ArchivedAt = outcome.At,
        };
    }
}
