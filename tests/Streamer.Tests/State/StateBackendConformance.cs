using Streamer.Worker.Detection;
using Streamer.Worker.Media;
using Streamer.Worker.Outbox;
using Streamer.Worker.State;

namespace Streamer.Tests.State;

/// <summary>
/// What every state backend's conformance tests share: the backend's stores, opened through the abstract
/// factory, on storage of the test's own, and the test data. A backend derives from
/// <see cref="StateStoreConformanceTests"/>, <see cref="MediaJobStoreConformanceTests"/> and <see cref="OutboxStoreConformanceTests"/>.
/// </summary>
public abstract class StateBackendConformance : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);

    protected IStateStore State { get; private set; } = null!;

    protected IMediaJobStore MediaJobs { get; private set; } = null!;

    protected IOutboxStore Outbox { get; private set; } = null!;

    public async Task InitializeAsync() => (State, MediaJobs, Outbox) = await OpenAsync();

    public async Task DisposeAsync()
    {
        await CloseAsync();
        await DeleteAsync();
    }

    /// <summary>Opens (and initializes) the backend's stores on this test's storage; after <see cref="CloseAsync"/>, on the same storage again.</summary>
    protected abstract Task<(IStateStore State, IMediaJobStore MediaJobs, IOutboxStore Outbox)> OpenAsync();

    /// <summary>Closes what <see cref="OpenAsync"/> opened, keeping the storage.</summary>
    protected abstract Task CloseAsync();

    /// <summary>Removes this test's storage.</summary>
    protected abstract Task DeleteAsync();

    protected async Task ReopenAsync()
    {
        await CloseAsync();
        (State, MediaJobs, Outbox) = await OpenAsync();
    }

    protected static AccountCursor Cursor(long positionUnixMs = 1_795_000_000_000, bool snapshotDone = true, Dictionary<string, DateTimeOffset>? tierRuns = null) =>
        new(DateTimeOffset.FromUnixTimeMilliseconds(positionUnixMs), snapshotDone, tierRuns ?? []);

    protected static RecordSnapshot Snapshot(string id, long updatedUnix = 1_795_000_000, long version = 1, string? status = "sent", string? emoji = null) =>
        new(id, DateTimeOffset.FromUnixTimeSeconds(updatedUnix).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), updatedUnix, status, emoji, version, Hashes(id, version));

    protected static MediaJob Job(string recordId, string account = "a") =>
        new MediaJob { Account = account, TenantId = "1", RecordId = recordId, MessageId = "wamid." + recordId, ConversationId = "c1", FileName = "樱花.jpg", MimeType = "image/jpeg", Link = $"https://media.example.com/{recordId}?Expires=1795000000&sig=x", LinkExpiresAt = Now.AddHours(1) };

    protected Task CommitAsync(string account, AccountCursor cursor, IReadOnlyCollection<RecordSnapshot>? snapshots = null, IReadOnlyCollection<MediaJob>? jobs = null, IReadOnlyList<OutboxEntry>? outbox = null) =>
        State.CommitAsync(account, new StateCommit(cursor) { Snapshots = snapshots ?? [], MediaJobs = jobs ?? [], Outbox = outbox ?? [] }, CancellationToken.None);

    // Distinct per record and version, with the extremes a BLOB encoding could get wrong.
    private static ulong[] Hashes(string id, long version)
    {
        var hashes = new ulong[RecordFields.Count];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = (ulong)(uint)HashCode.Combine(id, version, i) * 0x9E3779B97F4A7C15UL;
        }

        hashes[0] = ulong.MaxValue;
        hashes[^1] = 0;
        return hashes;
    }
}
