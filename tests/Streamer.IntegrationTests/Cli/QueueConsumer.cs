using System.Collections.Concurrent;
using MassTransit;
using Streamer.Contracts;

namespace Streamer.IntegrationTests.Cli;

/// <summary>A MassTransit consumer of one queue, its receive endpoint configured as a subscriber configures its own.</summary>
public sealed class QueueConsumer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ChatMessageEvent> received = new();
    private readonly ConcurrentQueue<string?> origins = new();
    private IBusControl? bus;

    /// <summary>Every message event delivered, duplicates included.</summary>
    public IReadOnlyCollection<ChatMessageEvent> Received => received;

    /// <summary>The <c>Streamer-Origin</c> header of every delivery (null where it had none).</summary>
    public IReadOnlyCollection<string?> OriginHeaders => origins;

    /// <summary>Starts consuming <paramref name="queue"/>; throws when the broker refuses its declaration.</summary>
    public async Task StartAsync(Uri amqp, string queue, Action<IRabbitMqReceiveEndpointConfigurator>? configure = null)
    {
        bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(amqp);
            cfg.ReceiveEndpoint(queue, e =>
            {
                configure?.Invoke(e);
                e.Consumer(() => new Consumer(received, origins));
            });
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await bus.StartAsync(timeout.Token);
    }

    /// <summary>Waits until <paramref name="done"/> holds or the timeout passes; returns whether it held.</summary>
    public async Task<bool> WaitUntilAsync(Func<IReadOnlyCollection<ChatMessageEvent>, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!done(received))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(200);
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

    private sealed class Consumer(ConcurrentQueue<ChatMessageEvent> received, ConcurrentQueue<string?> origins) : IConsumer<ChatMessageCreated>, IConsumer<ChatMessageStatusChanged>
    {
        public Task Consume(ConsumeContext<ChatMessageCreated> context)
        {
            origins.Enqueue(context.Headers.Get<string>(Worker.Publishing.StreamerHeaders.Origin));
            received.Enqueue(context.Message);
            return Task.CompletedTask;
        }

        public Task Consume(ConsumeContext<ChatMessageStatusChanged> context)
        {
            origins.Enqueue(context.Headers.Get<string>(Worker.Publishing.StreamerHeaders.Origin));
            received.Enqueue(context.Message);
            return Task.CompletedTask;
        }
    }
}
