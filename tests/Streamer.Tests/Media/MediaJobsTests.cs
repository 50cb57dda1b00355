using Streamer.Contracts;
using Streamer.Worker.Detection;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

public sealed class MediaJobsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Collect_CreatedWithLinkOnly_OneJobCarryingTheRecordsMedia()
    {
        var expires = Now.AddHours(1);
        var withMedia = Created("r1", new ChatMedia { FileName = "a.jpg", MimeType = "image/jpeg", Link = "https://m/a.jpg?Expires=1", LinkExpiresAt = expires });
        var noLink = Created("r2", new ChatMedia { FileName = "b.jpg", MimeType = "image/jpeg" });
        var text = Created("r3", null);
        var jobs = new List<MediaJob>();

        MediaJobs.Collect("acc", [withMedia, noLink, text], jobs);

        var job = Assert.Single(jobs);
        Assert.Equal(new MediaJob { Account = "acc", TenantId = "1", RecordId = "r1", MessageId = "wamid.r1", ConversationId = "conv", FileName = "a.jpg", MimeType = "image/jpeg", Link = "https://m/a.jpg?Expires=1", LinkExpiresAt = expires }, job);
    }

    [Fact]
    public void EventOf_ArchivedAndFailed_ShareOneIdPerRecord()
    {
        var job = new MediaJob { Account = "acc", TenantId = "1", RecordId = "r1", MessageId = "wamid.r1", ConversationId = "conv", FileName = "a.jpg", MimeType = "image/jpeg", Link = "https://m/a.jpg", LinkExpiresAt = null };

        var archived = Assert.IsType<ChatMediaArchived>(MediaJobs.EventOf(job, new MediaOutcome { At = Now, Attempts = 1, Sha256 = new string('a', 64), Size = 5, MimeType = "image/jpeg", Location = "file:///m/aa/aa/aaa" }));
        var failed = Assert.IsType<ChatMediaArchiveFailed>(MediaJobs.EventOf(job, new MediaOutcome { At = Now, Attempts = 3, Failure = MediaArchiveFailure.LinkExpired, Detail = "HTTP 403" }));
        var other = MediaJobs.EventOf(job with { RecordId = "r2" }, new MediaOutcome { At = Now, Attempts = 1, Failure = MediaArchiveFailure.NotFound });

        Assert.Equal(archived.EventId, failed.EventId);
        Assert.Equal(EventIds.Create("1", "r1", "media", string.Empty), archived.EventId);
        Assert.NotEqual(archived.EventId, Assert.IsType<ChatMediaArchiveFailed>(other).EventId);
        Assert.Equal(MediaArchiveFailure.LinkExpired, failed.Reason);
        Assert.Equal(3, failed.Attempts);
    }

    private static ChatMessageCreated Created(string recordId, ChatMedia? media) => new()
    {
        EventId = EventIds.Created("1", recordId),
        TenantId = "1",
        Channel = 2,
        RecordId = recordId,
        MessageId = "wamid." + recordId,
        ConversationId = "conv",
        OccurredAt = Now,
        Version = 1,
        Origin = ChangeOrigin.Live,
        Direction = ChatDirection.Inbound,
        ChatType = 1,
        MessageType = media is null ? "text" : "image",
        Media = media,
        CreatedAt = Now,
    };
}
