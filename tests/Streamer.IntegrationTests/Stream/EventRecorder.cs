using System.Collections.Concurrent;
using MassTransit;
using Streamer.Contracts;

namespace Streamer.IntegrationTests.Stream;

/// <summary>
/// A consumer bound to every event type on one queue, consuming one message at a time so that the order it
/// records is the order the broker delivered. Keeps every delivery, duplicates included.
/// </summary>
public sealed class EventRecorder : IAsyncDisposable
{
    private readonly ConcurrentQueue<Received> received = new();
    private readonly ConcurrentQueue<ChatRecordRejected> rejected = new();
    private readonly ConcurrentQueue<object> media = new();
    private IBusControl? bus;

    /// <summary>Every delivery in arrival order.</summary>
    public IReadOnlyCollection<Received> Received => received;

    /// <summary>Every rejected record delivered, duplicates included.</summary>
    public IReadOnlyCollection<ChatRecordRejected> Rejected => rejected;

    /// <summary>Every ChatMediaArchived and ChatMediaArchiveFailed delivered, duplicates included.</summary>
    public IReadOnlyCollection<object> Media => media;

    /// <summary>Distinct event ids received so far.</summary>
    public int DistinctCount => received.Select(r => r.Event.EventId).Distinct().Count();

    /// <summary>Starts consuming <paramref name="queue"/> on the broker at <paramref name="amqp"/>.</summary>
    public async Task StartAsync(Uri amqp, string queue)
    {
        bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(amqp);
            cfg.ReceiveEndpoint(queue, e =>
            {
                e.PrefetchCount = 500;
                e.ConcurrentMessageLimit = 1;
                e.Consumer(() => new Consumer(this));
            });
        });
        await bus.StartAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
    }

    /// <summary>Waits until <paramref name="done"/> holds or the timeout passes; returns whether it held.</summary>
    public async Task<bool> WaitUntilAsync(Func<EventRecorder, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(250);
        }

        return true;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (bus is not null)
        {
            await bus.StopAsync();
        }
    }

    private sealed class Consumer(EventRecorder recorder) :
        IConsumer<ChatMessageCreated>,
        IConsumer<ChatMessageStatusChanged>,
        IConsumer<ChatMessageReactionChanged>,
        IConsumer<ChatMessageUpdated>,
        IConsumer<ChatRecordRejected>,
        IConsumer<ChatMediaArchived>,
        IConsumer<ChatMediaArchiveFailed>
    {
        public Task Consume(ConsumeContext<ChatMediaArchived> context)
        {
            recorder.media.Enqueue(context.Message);
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<ChatMediaArchiveFailed> context)
        {
            recorder.media.Enqueue(context.Message);
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<ChatRecordRejected> context)
        {
            recorder.rejected.Enqueue(context.Message);
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<ChatMessageCreated> context) => Keep(context.Message, context.MessageId);

        public Task Consume(ConsumeContext<ChatMessageStatusChanged> context) => Keep(context.Message, context.MessageId);

        public Task Consume(ConsumeContext<ChatMessageReactionChanged> context) => Keep(context.Message, context.MessageId);

        public Task Consume(ConsumeContext<ChatMessageUpdated> context) => Keep(context.Message, context.MessageId);

        private Task Keep(ChatMessageEvent message, Guid? messageId)
        {
            recorder.received.Enqueue(new Received(message, messageId));
            return Task.CompletedTask;
        }
    }
}
