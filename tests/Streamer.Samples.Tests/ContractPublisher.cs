using MassTransit;
using Streamer.Contracts;
using Streamer.Worker.Publishing;

namespace Streamer.Samples.Tests;

/// <summary>
/// Publishes contract events the way the worker does: each as its concrete type (its own exchange), with
/// MessageId = EventId and the worker's headers (Streamer-Origin…), persistent, with publisher confirms, one after the other so they queue in order, in
/// the worker's compact JSON (Rabbit:CompactJson's default; MassTransit's serializer options are per process).
/// </summary>
public sealed class ContractPublisher : IAsyncDisposable
{
    private readonly IBusControl bus;

    private ContractPublisher(IBusControl bus) => this.bus = bus;

    public static async Task<ContractPublisher> StartAsync(Uri amqp)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg =>
        {
            cfg.Host(amqp, host => host.PublisherConfirmation = true);
            WireJson.Configure(cfg, compact: true);
        });
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await bus.StartAsync(cts.Token);
        return new ContractPublisher(bus);
    }

    /// <summary>Publishes in the given order; a message given twice is published twice (a redelivery).</summary>
    public async Task PublishAsync(params object[] events)
    {
        foreach (var message in events)
        {
            var eventId = message switch
            {
                ChatMessageEvent e => e.EventId,
                ChatRecordRejected r => r.EventId,
                ChatMediaArchiveOutcome m => m.EventId,
                _ => throw new ArgumentException($"{message.GetType().Name} is not a Streamer contract.", nameof(events)),
            };

            // Publish(object) publishes as message.GetType(), the concrete contract type.
            await bus.Publish(message, context =>
            {
                context.MessageId = eventId;
                StreamerHeaders.Apply(context, message);
            });
        }
    }

    public async ValueTask DisposeAsync() => await bus.StopAsync(CancellationToken.None);
}
