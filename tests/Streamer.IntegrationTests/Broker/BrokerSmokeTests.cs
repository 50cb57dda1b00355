using System.Collections.Concurrent;
using MassTransit;
using Streamer.Testing;

namespace Streamer.IntegrationTests.Broker;

[Collection(BrokerCollection.Name)]
public sealed class BrokerSmokeTests(RabbitMqBroker broker)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    // Long enough for a message that leaked across virtual hosts to have been delivered.
    private static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(750);

    [Fact]
    public async Task Publish_ThousandMessagesInFlight_ConsumerReceivesEveryId()
    {
        const int count = 1_000;
        var host = await broker.CreateVirtualHostAsync("smoke");
        var received = new ConcurrentDictionary<Guid, int>();
        var deliveries = 0;
        var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var bus = CreateBus(host, "smoke", message =>
        {
            Interlocked.Increment(ref deliveries);
            received.AddOrUpdate(message.Id, 1, (_, seen) => seen + 1);
            if (received.Count == count)
            {
                allReceived.TrySetResult();
            }
        });

        using var cts = new CancellationTokenSource(Deadline);
        await bus.StartAsync(cts.Token);
        try
        {
            var sent = Enumerable.Range(0, count).Select(i => new SmokeMessage(Guid.NewGuid(), i)).ToList();
            // All publishes start before any is awaited, so many are in flight awaiting confirms at once.
            await Task.WhenAll(sent.Select(message => bus.Publish(message, cts.Token)));
            await allReceived.Task.WaitAsync(cts.Token);

            Assert.Equal(count, Volatile.Read(ref deliveries));
            Assert.True(sent.Select(m => m.Id).ToHashSet().SetEquals(received.Keys));
        }
        finally
        {
            await bus.StopAsync(CancellationToken.None);
            await broker.DeleteVirtualHostAsync(host);
        }
    }

    [Fact]
    public async Task Publish_InOneVirtualHost_IsNotConsumedInTheOther()
    {
        var firstHost = await broker.CreateVirtualHostAsync("iso-a");
        var secondHost = await broker.CreateVirtualHostAsync("iso-b");
        var inFirst = new ConcurrentQueue<SmokeMessage>();
        var inSecond = new ConcurrentQueue<SmokeMessage>();
        var firstGotOne = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondGotOne = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Same queue and message type on both sides: only the virtual host keeps them apart.
        var first = CreateBus(firstHost, "isolation", message =>
        {
            inFirst.Enqueue(message);
            firstGotOne.TrySetResult();
        });
        var second = CreateBus(secondHost, "isolation", message =>
        {
            inSecond.Enqueue(message);
            secondGotOne.TrySetResult();
        });

        using var cts = new CancellationTokenSource(Deadline);
        await first.StartAsync(cts.Token);
        await second.StartAsync(cts.Token);
        try
        {
            var toFirst = new SmokeMessage(Guid.NewGuid(), 1);
            var toSecond = new SmokeMessage(Guid.NewGuid(), 2);
            await first.Publish(toFirst, cts.Token);
            await second.Publish(toSecond, cts.Token);
            await Task.WhenAll(firstGotOne.Task, secondGotOne.Task).WaitAsync(cts.Token);
            await Task.Delay(QuietPeriod, cts.Token);

            Assert.Equal([toFirst.Id], inFirst.Select(m => m.Id));
            Assert.Equal([toSecond.Id], inSecond.Select(m => m.Id));
        }
        finally
        {
            await first.StopAsync(CancellationToken.None);
            await second.StopAsync(CancellationToken.None);
            await broker.DeleteVirtualHostAsync(firstHost);
            await broker.DeleteVirtualHostAsync(secondHost);
        }
    }

    private static IBusControl CreateBus(Uri virtualHost, string queue, Action<SmokeMessage> onMessage) =>
        Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(virtualHost);
            cfg.ReceiveEndpoint(queue, endpoint => endpoint.Handler<SmokeMessage>(context =>
            {
                onMessage(context.Message);
                return Task.CompletedTask;
            }));
        });
}
