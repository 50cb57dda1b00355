using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Streamer.Contracts;
using Streamer.IntegrationTests.Stream;
using Streamer.Simulator;
using Streamer.Simulator.Control;
using Streamer.Testing;
using Streamer.Worker.Publishing;

namespace Streamer.IntegrationTests.Cli;

/// <summary><c>Rabbit:DeclareQueues</c> with a queue type and arguments, against the real broker.</summary>
[Collection(BrokerCollection.Name)]
public sealed class QueueTypeTests(RabbitMqBroker broker)
{
    private const string Queue = "crm-quorum";
    private const string DeadLetters = "crm-quorum-dead";

    [Fact]
    public async Task DeclareQueues_Quorum_EventsWaitInItForAConsumerThatDeclaresItAsQuorum()
    {
        await using var scenario = await StreamScenario.CreateAsync(broker, TimestampField.CreatedAt, "CreatedAt", seed: 61, workerSettings: new Dictionary<string, string>
        {
            ["Rabbit__DeclareQueues__1__Name"] = Queue,
            ["Rabbit__DeclareQueues__1__Type"] = "Quorum",
            ["Rabbit__DeclareQueues__1__DeadLetterExchange"] = DeadLetters,
            ["Rabbit__DeclareQueues__1__SingleActiveConsumer"] = "true",
            ["Rabbit__DeclareQueues__1__DeliveryLimit"] = "5",
        });
        await scenario.Simulator.BacklogAsync(20, TimeSpan.FromHours(1));
        var records = (await scenario.Simulator.ChangesAsync()).Where(c => c.Kind == SimChangeKinds.Created).Select(c => c.RecordId).ToHashSet();

        // Every creation is published (the recorder's queue has them) before the quorum queue's consumer first runs.
        scenario.Worker.Start();
        Assert.True(await scenario.Recorder.WaitUntilAsync(r => r.DistinctCount >= records.Count, TimeSpan.FromSeconds(60)), scenario.WorkerLogTail());
        Assert.Contains(scenario.Worker.Output, l => l.Contains($"Declared Quorum queue {Queue} (x-queue-type=quorum, x-dead-letter-exchange={DeadLetters}, x-single-active-consumer=True, x-delivery-limit=5)", StringComparison.Ordinal));

        // The broker holds it with those arguments: a plain classic declaration is refused.
        var refused = await Assert.ThrowsAsync<OperationInterruptedException>(() => DeclareAsync(scenario.VirtualHost, new Dictionary<string, object?> { ["x-queue-type"] = "classic" }));
        Assert.Equal<ushort?>(Constants.PreconditionFailed, refused.ShutdownReason?.ReplyCode);
        Assert.Contains("inequivalent arg", refused.ShutdownReason?.ReplyText, StringComparison.Ordinal);

        // A subscriber that declares its queue as quorum with the same arguments starts on it and gets every event.
        await using var consumer = new QueueConsumer();
        await consumer.StartAsync(scenario.VirtualHost, Queue, e =>
        {
            e.SetQuorumQueue();
            e.SingleActiveConsumer = true;
            e.SetQueueArgument("x-dead-letter-exchange", DeadLetters);
            e.SetQueueArgument("x-delivery-limit", 5);
        });
        Assert.True(
            await consumer.WaitUntilAsync(r => r.OfType<ChatMessageCreated>().Select(e => e.RecordId).ToHashSet().SetEquals(records), TimeSpan.FromSeconds(60)),
            $"{consumer.Received.Count} events on {Queue}\n{scenario.WorkerLogTail()}");
        Assert.DoesNotContain(scenario.Worker.Output, l => l.Contains("already exists with other arguments", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeclareAsync_QueueExistsWithOtherArguments_WarnsKeepsItAndBindsIt()
    {
        var vhost = await broker.CreateVirtualHostAsync("queues");
        try
        {
            await DeclareAsync(vhost, null);
            var logger = new LinesLogger<SubscriberQueues>();
            var options = new RabbitOptions { Uri = vhost.ToString(), DeclareQueues = [new SubscriberQueueOptions { Name = Queue, Type = SubscriberQueueType.Quorum }] };
            using var queues = new SubscriberQueues(Options.Create(options), logger, TimeProvider.System);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

            // Done, not retried forever: publishing, which waits for the queues, goes on.
            await queues.DeclareAsync(timeout.Token);

            Assert.True(queues.Declared.IsCompletedSuccessfully);
            Assert.Contains(logger.Lines, l => l.StartsWith("Warning 190: Queue crm-quorum already exists with other arguments", StringComparison.Ordinal) && l.Contains("x-queue-type", StringComparison.Ordinal));

            // Kept classic, and bound: a message on every event exchange reaches it.
            var factory = new ConnectionFactory { Uri = vhost };
            await using var connection = await factory.CreateConnectionAsync();
            await using var channel = await connection.CreateChannelAsync();
            foreach (var type in EventTypes.All)
            {
                await channel.BasicPublishAsync(EventTypes.ExchangeName(type), string.Empty, "{}"u8.ToArray());
            }

            var deadline = DateTime.UtcNow.AddSeconds(10);
            uint depth;
            while ((depth = (await channel.QueueDeclarePassiveAsync(Queue)).MessageCount) < EventTypes.All.Count && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.Equal((uint)EventTypes.All.Count, depth);
        }
        finally
        {
            await broker.DeleteVirtualHostAsync(vhost);
        }
    }

    private static async Task DeclareAsync(Uri vhost, Dictionary<string, object?>? arguments)
    {
        var factory = new ConnectionFactory { Uri = vhost };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false, arguments: arguments);
    }
}
