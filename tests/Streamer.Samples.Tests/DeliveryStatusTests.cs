using Streamer.Samples.DeliveryStatus;
using Streamer.Testing;

namespace Streamer.Samples.Tests;

/// <summary>The CRM delivery-status sample against the real broker: latest status per message, idempotent, stale-proof.</summary>
[Collection(BrokerCollection.Name)]
public sealed class DeliveryStatusTests(RabbitMqBroker broker) : IAsyncLifetime
{
    private const string Queue = "crm-delivery-status";
    private readonly TempDirectory folder = new();
    private Uri amqp = null!;
    private ContractPublisher publisher = null!;

    public async Task InitializeAsync()
    {
        amqp = await broker.CreateVirtualHostAsync("delivery");
        publisher = await ContractPublisher.StartAsync(amqp);
    }

    public async Task DisposeAsync()
    {
        await publisher.DisposeAsync();
        await broker.DeleteVirtualHostAsync(amqp);
        folder.Dispose();
    }

    [Fact]
    public async Task Consume_StatusSteps_KeepsLatestStatusPerMessage()
    {
        await using var service = await StartServiceAsync();

        await publisher.PublishAsync(
            TestEvents.Created("r1", status: "sent"),
            TestEvents.Created("r2"),
            TestEvents.Status("r1", 2, "sent", "delivered"),
            TestEvents.Status("r2", 2, null, "sent"),
            TestEvents.Status("r1", 3, "delivered", "read"),
            TestEvents.Status("r2", 3, "sent", "failed", failureReason: "131026 receiver incapable"));
        await WaitForAsync(service, total: 6);

        var store = service.Get<DeliveryStatusStore>();
        var r1 = await store.FindByMessageIdAsync(TestEvents.MessageIdOf("r1"), CancellationToken.None);
        var r2 = await store.FindByRecordAsync(TestEvents.Tenant, "r2", CancellationToken.None);
        Assert.Equal(("read", 3L, "r1"), (r1?.Status, r1?.Version ?? 0, r1?.RecordId));
        Assert.Equal(("failed", 3L, "131026 receiver incapable"), (r2?.Status, r2?.Version ?? 0, r2?.FailureReason));
        Assert.Equal(6, service.Get<ProcessingCounters>().Applied);
    }

    [Fact]
    public async Task Consume_RedeliveredEvents_AppliesEachEventIdOnce()
    {
        await using var service = await StartServiceAsync();
        var created = TestEvents.Created("r1", status: "sent");
        var delivered = TestEvents.Status("r1", 2, "sent", "delivered");
        var read = TestEvents.Status("r1", 3, "delivered", "read");

        // The same ids again, as after a worker crash, a re-scan or a backfill.
        await publisher.PublishAsync(created, delivered, created, read, delivered, read);
        await WaitForAsync(service, total: 6);

        var counters = service.Get<ProcessingCounters>();
        Assert.Equal((3L, 3L, 0L), (counters.Applied, counters.Duplicates, counters.Stale));
        var status = await service.Get<DeliveryStatusStore>().FindByRecordAsync(TestEvents.Tenant, "r1", CancellationToken.None);
        Assert.Equal(("read", 3L), (status?.Status, status?.Version ?? 0));
    }

    [Fact]
    public async Task Consume_OlderVersionAfterNewer_IgnoresTheStaleEvent()
    {
        await using var service = await StartServiceAsync();

        // Out of order (another publisher, a partitioned consumer upstream): read arrives before delivered and created.
        await publisher.PublishAsync(
            TestEvents.Status("r1", 3, "delivered", "read"),
            TestEvents.Status("r1", 2, "sent", "delivered"),
            TestEvents.Created("r1", status: "sent"));
        await WaitForAsync(service, total: 3);

        var counters = service.Get<ProcessingCounters>();
        Assert.Equal((1L, 0L, 2L), (counters.Applied, counters.Duplicates, counters.Stale));
        var status = await service.Get<DeliveryStatusStore>().FindByRecordAsync(TestEvents.Tenant, "r1", CancellationToken.None);
        Assert.Equal(("read", 3L), (status?.Status, status?.Version ?? 0));
    }

    [Fact]
    public async Task Consume_AfterRestart_RemembersProcessedEventIds()
    {
        var created = TestEvents.Created("r1", status: "sent");
        var delivered = TestEvents.Status("r1", 2, "sent", "delivered");
        await using (var first = await StartServiceAsync())
        {
            await publisher.PublishAsync(created, delivered);
            await WaitForAsync(first, total: 2);
        }

        await using var second = await StartServiceAsync();
        await publisher.PublishAsync(created, delivered, TestEvents.Status("r1", 3, "delivered", "read"));
        await WaitForAsync(second, total: 3);

        var counters = second.Get<ProcessingCounters>();
        Assert.Equal((1L, 2L), (counters.Applied, counters.Duplicates));
        var status = await second.Get<DeliveryStatusStore>().FindByRecordAsync(TestEvents.Tenant, "r1", CancellationToken.None);
        Assert.Equal("read", status?.Status);
    }

    [Fact]
    public async Task Consume_QueueDeclaredByWorkerBeforeStart_GetsEarlierEventsAndDropsOtherTypes()
    {
        await QueueInspector.DeclareLikeWorkerAsync(amqp, Queue);
        await publisher.PublishAsync(
            TestEvents.Created("r1", status: "sent"),
            TestEvents.Reaction("r1", 2),
            TestEvents.Status("r1", 3, "sent", "delivered"),
            TestEvents.Updated("r1", 4),
            TestEvents.Rejected());
        Assert.Equal(5u, await QueueInspector.MessageCountAsync(amqp, Queue));

        await using var service = await StartServiceAsync();
        await WaitForAsync(service, total: 2);
        await Eventually.HoldsAsync(async () => await QueueInspector.MessageCountAsync(amqp, Queue) == 0, "the queue is drained");

        var status = await service.Get<DeliveryStatusStore>().FindByRecordAsync(TestEvents.Tenant, "r1", CancellationToken.None);
        Assert.Equal(("delivered", 3L), (status?.Status, status?.Version ?? 0));
        Assert.Null(await QueueInspector.MessageCountAsync(amqp, Queue + "_skipped"));
    }

    private Task<RunningHost> StartServiceAsync() => RunningHost.StartAsync(
        DeliveryStatusHost.Build,
        $"--Rabbit:Uri={amqp}",
        $"--Rabbit:Queue={Queue}",
        $"--Store:Path={folder.File("status.db")}",
        "--Logging:LogLevel:Default=Warning");

    private static Task WaitForAsync(RunningHost service, long total)
    {
        var counters = service.Get<ProcessingCounters>();
        return Eventually.HoldsAsync(() => counters.Total >= total, $"{total} events were handled");
    }
}
