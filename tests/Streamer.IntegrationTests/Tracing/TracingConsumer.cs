using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Streamer.Contracts;

namespace Streamer.IntegrationTests.Tracing;

/// <summary>A consumer of creations that keeps, for each, its <c>traceparent</c> header and the span it ran in.</summary>
public sealed class TracingConsumer(ConcurrentQueue<TracedDelivery> deliveries) : IConsumer<ChatMessageCreated>
{
    public Task Consume(ConsumeContext<ChatMessageCreated> context)
    {
        deliveries.Enqueue(new TracedDelivery(context.Message.EventId, context.Headers.Get<string>("traceparent"), Activity.Current));
        return Task.CompletedTask;
    }
}
