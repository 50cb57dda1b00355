using Streamer.Contracts;
using Streamer.Samples.Analytics;
using Streamer.Testing;

namespace Streamer.Samples.Tests;

/// <summary>The analytics sample against the real broker: every event type counted once.</summary>
[Collection(BrokerCollection.Name)]
public sealed class AnalyticsTests(RabbitMqBroker broker) : IAsyncLifetime
{
    private const string Queue = "analytics";
    private Uri amqp = null!;
    private ContractPublisher publisher = null!;

    public async Task InitializeAsync()
    {
        amqp = await broker.CreateVirtualHostAsync("analytics");
        publisher = await ContractPublisher.StartAsync(amqp);
    }

    public async Task DisposeAsync()
    {
        await publisher.DisposeAsync();
        await broker.DeleteVirtualHostAsync(amqp);
    }

    [Fact]
    public async Task Consume_EveryEventType_CountsByTypeDirectionStatusAndHour()
    {
        await using var service = await StartServiceAsync();
        var inbound = TestEvents.Created("r2", direction: ChatDirection.Inbound, after: TimeSpan.FromHours(1));
        var delivered = TestEvents.Status("r1", 2, "sent", "delivered");

        await publisher.PublishAsync(
            TestEvents.Created("r1", status: "sent"),
            inbound,
            delivered,
            TestEvents.Status("r1", 3, "delivered", "read"),
            TestEvents.Reaction("r2", 2),
            TestEvents.Updated("r2", 3),
            TestEvents.Rejected(),
            inbound,
            delivered);
        var counters = service.Get<EventCounters>();
        await Eventually.HoldsAsync(() => counters.Events + counters.Duplicates >= 9, "9 deliveries were counted");

        var counts = counters.Snapshot();
        Assert.Equal((7L, 2L), (counts.Events, counts.Duplicates));
        Assert.Equal(
            new Dictionary<string, long>
            {
                ["ChatMessageCreated"] = 2,
                ["ChatMessageReactionChanged"] = 1,
                ["ChatMessageStatusChanged"] = 2,
                ["ChatMessageUpdated"] = 1,
                ["ChatRecordRejected"] = 1,
            },
            counts.ByType);
        Assert.Equal(new Dictionary<string, long> { ["Inbound"] = 1, ["Outbound"] = 1 }, counts.ByDirection);
        Assert.Equal(new Dictionary<string, long> { ["delivered"] = 1, ["read"] = 1, ["sent"] = 1 }, counts.ByStatus);
        // 10:15+08:00 is 02:00Z; the inbound message came an hour later.
        Assert.Equal(new Dictionary<string, long> { ["2026-11-24T02:00Z"] = 6, ["2026-11-24T03:00Z"] = 1 }, counts.ByHour);
    }

    [Fact]
    public async Task Consume_QueueDeclaredByWorkerBeforeStart_CountsEarlierEventsOnce()
    {
        await QueueInspector.DeclareLikeWorkerAsync(amqp, Queue);
        await publisher.PublishAsync(
            TestEvents.Created("r1", status: "sent"),
            TestEvents.Status("r1", 2, "sent", "delivered"),
            TestEvents.Reaction("r1", 3),
            TestEvents.Updated("r1", 4),
            TestEvents.Rejected());

        await using var service = await StartServiceAsync();
        var counters = service.Get<EventCounters>();
        await Eventually.HoldsAsync(() => counters.Events >= 5, "5 events were counted");
        await Eventually.HoldsAsync(async () => await QueueInspector.MessageCountAsync(amqp, Queue) == 0, "the queue is drained");

        Assert.Equal((5L, 0L), (counters.Events, counters.Duplicates));
        Assert.Equal(5, counters.Snapshot().ByType.Count);
    }

    [Fact]
    public async Task Consume_OriginsLiveOnly_CountsLiveEventsAndThoseWithoutAnOrigin()
    {
        await QueueInspector.DeclareLikeWorkerAsync(amqp, Queue);
        await publisher.PublishAsync(
            TestEvents.Created("r1", status: "sent") with { Origin = ChangeOrigin.Snapshot },
            TestEvents.Created("r2", status: "sent"),
            TestEvents.Status("r1", 2, "sent", "delivered") with { Origin = ChangeOrigin.Backfill },
            TestEvents.Status("r2", 2, "sent", "delivered") with { Origin = ChangeOrigin.Live },
            TestEvents.Reaction("r2", 3) with { Origin = ChangeOrigin.Live },
            TestEvents.Created("r3") with { Origin = ChangeOrigin.Backfill },
            TestEvents.Rejected());

        var service = await StartServiceAsync("--Analytics:Origins:0=Live");
        var counters = service.Get<EventCounters>();
        try
        {
            await Eventually.HoldsAsync(async () => await QueueInspector.MessageCountAsync(amqp, Queue) == 0, "the queue is drained");
            await Eventually.HoldsAsync(() => counters.Events >= 4, "4 events were counted");
        }
        finally
        {
            // Stopping finishes what is in flight and returns what was only prefetched.
            await service.DisposeAsync();
        }

        // Nothing returned: all 7 went through the endpoint, and the filter let 4 reach the consumer.
        Assert.Equal(0u, await QueueInspector.MessageCountAsync(amqp, Queue));
        var counts = counters.Snapshot();
        Assert.Equal(4L, counts.Events);
        Assert.Equal(
            new Dictionary<string, long> { ["ChatMessageCreated"] = 1, ["ChatMessageReactionChanged"] = 1, ["ChatMessageStatusChanged"] = 1, ["ChatRecordRejected"] = 1 },
            counts.ByType);
        Assert.Null(await QueueInspector.MessageCountAsync(amqp, Queue + "_skipped"));
    }

    private Task<RunningHost> StartServiceAsync(params string[] settings) => RunningHost.StartAsync(
        AnalyticsHost.Build,
        [$"--Rabbit:Uri={amqp}", $"--Rabbit:Queue={Queue}", "--Logging:LogLevel:Default=Warning", .. settings]);
}
