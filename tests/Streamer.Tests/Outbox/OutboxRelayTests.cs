using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streamer.Contracts;
using Streamer.Worker.Cluster;
using Streamer.Worker.Configuration;
using Streamer.Worker.Outbox;
using Streamer.Worker.Publishing;

namespace Streamer.Tests.Outbox;

public sealed class OutboxRelayTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Start_EntriesLeftInStore_PublishesAllInRecordOrderAndDeletesThem()
    {
        var byRecord = OutboxEvents.ByRecord(40);
        var store = new InMemoryOutboxStore();
        for (var step = 0; step < 3; step++)
        {
            store.Add(OutboxEvents.Step(byRecord, step));
        }

        var publisher = new RecordingPublisher { MaxDelayMs = 3 };
        await using (await RelayHost.StartAsync(store, publisher))
        {
            await WaitUntilAsync(() => store.Depth.Rows == 0);
        }

        Assert.Equal(byRecord.SelectMany(e => e).Select(e => e.EventId).Order(), publisher.Confirmed.Cast<ChatMessageEvent>().Select(e => e.EventId).Order());
        Assert.True(OutboxEvents.InRecordOrder(publisher.Confirmed, byRecord), "a record's events were confirmed out of order");
    }

    [Fact]
    public async Task Feed_EntriesCommittedWhileRunning_PublishedFromMemoryInRecordOrder()
    {
        var byRecord = OutboxEvents.ByRecord(40);
        var store = new InMemoryOutboxStore();
        var publisher = new RecordingPublisher { MaxDelayMs = 3 };
        await using (var relay = await RelayHost.StartAsync(store, publisher))
        {
            for (var step = 0; step < 3; step++)
            {
                relay.Commit(OutboxEvents.Step(byRecord, step));
            }

            await WaitUntilAsync(() => store.Depth.Rows == 0);
        }

        Assert.Equal(120, publisher.Confirmed.Count);
        Assert.True(OutboxEvents.InRecordOrder(publisher.Confirmed, byRecord), "a record's events were confirmed out of order");
    }

    [Fact]
    public async Task Feed_RecordsEventsAdjacentWithRandomConfirmDelays_StillInRecordOrder()
    {
        var byRecord = OutboxEvents.ByRecord(40);
        var store = new InMemoryOutboxStore();
        var publisher = new RecordingPublisher(seed: 3) { MaxDelayMs = 8 };
        await using (var relay = await RelayHost.StartAsync(store, publisher))
        {
            relay.Commit(OutboxEvents.All(byRecord));
            await WaitUntilAsync(() => store.Depth.Rows == 0);
        }

        Assert.Equal(120, publisher.Confirmed.Count);
        Assert.True(OutboxEvents.InRecordOrder(publisher.Confirmed, byRecord), "a record's events were confirmed out of order");
    }

    [Fact]
    public async Task BrokerAway_EntriesCommittedMeanwhile_NothingDeletedThenAllPublishedWhenBack()
    {
        var byRecord = OutboxEvents.ByRecord(30);
        var store = new InMemoryOutboxStore();
        var publisher = new RecordingPublisher { Down = true };
        await using (var relay = await RelayHost.StartAsync(store, publisher))
        {
            for (var step = 0; step < 3; step++)
            {
                relay.Commit(OutboxEvents.Step(byRecord, step));
            }

            // Several failed rounds while the broker is away: every entry stays.
            await Task.Delay(300);
            Assert.Equal(90, store.Depth.Rows);
            Assert.Empty(publisher.Confirmed);

            publisher.Down = false;
            await WaitUntilAsync(() => store.Depth.Rows == 0);
        }

        Assert.Equal(byRecord.SelectMany(e => e).Select(e => e.EventId).Order(), publisher.Confirmed.Cast<ChatMessageEvent>().Select(e => e.EventId).Order());
        Assert.True(OutboxEvents.InRecordOrder(publisher.Confirmed, byRecord), "a record's events were confirmed out of order");
    }

    [Fact]
    public async Task CatchUp_AccountTakenOverFromAnotherInstance_PublishesWhatItLeftInTheStore()
    {
        var byRecord = OutboxEvents.ByRecord(20);
        var store = new InMemoryOutboxStore();
        var publisher = new RecordingPublisher { MaxDelayMs = 3 };
        await using var relay = await RelayHost.StartAsync(store, publisher);
        var instance = new InstanceAccounts(relay.Feed);
        instance.Set([Assigned("a")]);
        relay.Commit(OutboxEvents.Step(byRecord, 0));
        await WaitUntilAsync(() => store.Depth.Rows == 0);

        // Committed by the account's previous owner, which died before publishing: in the store only.
        store.Add(OutboxEvents.Step(byRecord, 1));
        instance.Set([Assigned("a"), Assigned("b")]);
        await WaitUntilAsync(() => store.Depth.Rows == 0);

        Assert.Equal(40, publisher.Confirmed.Count);
        Assert.True(OutboxEvents.InRecordOrder(publisher.Confirmed, [.. byRecord.Select(events => events.Take(2).ToList())]), "a record's events were confirmed out of order");
    }

    [Fact]
    public async Task FeedOverflow_MoreThanItHolds_ReadsTheRestFromStoreInOrder()
    {
        var byRecord = OutboxEvents.ByRecord(50);
        var store = new InMemoryOutboxStore();
        var publisher = new RecordingPublisher { MaxDelayMs = 2 };
        await using (var relay = await RelayHost.StartAsync(store, publisher, o => o.FeedCapacity = 60))
        {
            for (var step = 0; step < 3; step++)
            {
                relay.Commit(OutboxEvents.Step(byRecord, step));
            }

            await WaitUntilAsync(() => store.Depth.Rows == 0);
        }

        Assert.Equal(byRecord.SelectMany(e => e).Select(e => e.EventId).Order(), publisher.Confirmed.Cast<ChatMessageEvent>().Select(e => e.EventId).Distinct().Order());
        Assert.True(OutboxEvents.InRecordOrder(publisher.Confirmed, byRecord), "a record's events were confirmed out of order");
    }

    [Fact]
    public async Task BrokerFailsMidStream_Recovered_EveryEventOnceAtLeastAndInOrder()
    {
        var byRecord = OutboxEvents.ByRecord(60);
        var store = new InMemoryOutboxStore();
        var publisher = new RecordingPublisher(seed: 7) { MaxDelayMs = 4 };
        await using (var relay = await RelayHost.StartAsync(store, publisher))
        {
            relay.Commit(OutboxEvents.Step(byRecord, 0));
            await Task.Delay(30);
            publisher.Down = true;
            relay.Commit(OutboxEvents.Step(byRecord, 1));
            await Task.Delay(100);
            publisher.Down = false;
            relay.Commit(OutboxEvents.Step(byRecord, 2));
            await WaitUntilAsync(() => store.Depth.Rows == 0);
        }

        var distinct = publisher.Confirmed.Cast<ChatMessageEvent>().Select(e => e.EventId).Distinct().Order();
        Assert.Equal(byRecord.SelectMany(e => e).Select(e => e.EventId).Order(), distinct);
        Assert.True(OutboxEvents.InRecordOrder(publisher.Confirmed, byRecord), "a record's events were confirmed out of order");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(10);
        }
    }

    /// <summary>A running relay over a store, with the commit path the poller uses: add to the store, then post to the feed.</summary>
    private sealed class RelayHost : IAsyncDisposable
    {
        private readonly OutboxRelay relay;
        private readonly InMemoryOutboxStore store;
        private readonly OutboxFeed feed;

        private RelayHost(OutboxRelay relay, InMemoryOutboxStore store, OutboxFeed feed)
        {
            this.relay = relay;
            this.store = store;
            this.feed = feed;
        }

        public static async Task<RelayHost> StartAsync(InMemoryOutboxStore store, IEventPublisher publisher, Action<OutboxOptions>? configure = null)
        {
            var options = new OutboxOptions { RetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(40) };
            configure?.Invoke(options);
            var feed = new OutboxFeed(Options.Create(options));
            var relay = new OutboxRelay(store, feed, publisher, Options.Create(options), Options.Create(new RabbitOptions { MaxInFlight = 16 }), TimeProvider.System, NullLogger<OutboxRelay>.Instance);
            await relay.StartAsync(CancellationToken.None);
            return new RelayHost(relay, store, feed);
        }

        public OutboxFeed Feed => feed;

        public void Commit(List<OutboxEntry> entries)
        {
            store.Add(entries);
            feed.Post(entries);
        }

        public async ValueTask DisposeAsync()
        {
            await relay.StopAsync(CancellationToken.None);
            relay.Dispose();
        }
    }

    private static AccountAssignment Assigned(string name) => new(new AccountOptions { Name = name }, new FencingToken("i1", name, 1));
}
