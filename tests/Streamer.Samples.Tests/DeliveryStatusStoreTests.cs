using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Streamer.Samples.DeliveryStatus;

namespace Streamer.Samples.Tests;

/// <summary>The store alone (no broker): the rules the consumer relies on.</summary>
public sealed class DeliveryStatusStoreTests : IDisposable
{
    private readonly TempDirectory folder = new();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task ApplyAsync_HigherVersions_KeepsTheLatest()
    {
        using var store = Open();

        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(store, TestEvents.Created("r1")));
        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(store, TestEvents.Status("r1", 2, null, "sent")));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ApplyOutcome.Applied, await ApplyAsync(store, TestEvents.Status("r1", 4, "sent", "read")));

        var status = await store.FindByMessageIdAsync("wamid.r1", CancellationToken.None);
        Assert.Equal(
            new MessageStatus(TestEvents.Tenant, "r1", "wamid.r1", "read", null, 4, TestEvents.At.AddSeconds(4), time.GetUtcNow()),
            status);
    }

    [Fact]
    public async Task ApplyAsync_LowerOrEqualVersion_IsStaleAndChangesNothing()
    {
        using var store = Open();
        await ApplyAsync(store, TestEvents.Status("r1", 3, "delivered", "read"));

        Assert.Equal(ApplyOutcome.Stale, await ApplyAsync(store, TestEvents.Status("r1", 2, "sent", "delivered")));
        Assert.Equal(ApplyOutcome.Stale, await ApplyAsync(store, TestEvents.Status("r1", 3, "delivered", "failed")));

        var status = await store.FindByRecordAsync(TestEvents.Tenant, "r1", CancellationToken.None);
        Assert.Equal(("read", 3L), (status?.Status, status?.Version ?? 0));
    }

    [Fact]
    public async Task ApplyAsync_SameEventIdAfterReopen_IsDuplicate()
    {
        var delivered = TestEvents.Status("r1", 2, "sent", "delivered");
        using (var store = Open())
        {
            await ApplyAsync(store, delivered);
        }

        using var reopened = Open();
        Assert.Equal(ApplyOutcome.Duplicate, await ApplyAsync(reopened, delivered));
    }

    [Fact]
    public async Task ApplyAsync_StatusWithoutMessageId_KeepsTheKnownMessageId()
    {
        using var store = Open();
        await ApplyAsync(store, TestEvents.Created("r1", status: "sent"));

        await ApplyAsync(store, TestEvents.Status("r1", 2, "sent", "delivered") with { MessageId = null });

        Assert.Equal("delivered", (await store.FindByMessageIdAsync("wamid.r1", CancellationToken.None))?.Status);
    }

    [Fact]
    public async Task FindByRecordAsync_UnknownRecord_ReturnsNull()
    {
        using var store = Open();

        Assert.Null(await store.FindByRecordAsync(TestEvents.Tenant, "nope", CancellationToken.None));
    }

    private DeliveryStatusStore Open() =>
        new(Options.Create(new StoreOptions { Path = folder.File("nested/status.db") }), time);

    private static Task<ApplyOutcome> ApplyAsync(DeliveryStatusStore store, Streamer.Contracts.ChatMessageCreated e) =>
        store.ApplyAsync(StatusUpdate.From(e), CancellationToken.None);

    private static Task<ApplyOutcome> ApplyAsync(DeliveryStatusStore store, Streamer.Contracts.ChatMessageStatusChanged e) =>
        store.ApplyAsync(StatusUpdate.From(e), CancellationToken.None);
}
