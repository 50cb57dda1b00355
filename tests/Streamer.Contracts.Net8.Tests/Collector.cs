using MassTransit;

namespace Streamer.Contracts.Net8.Tests;

/// <summary>A consumer of one event type, as a .NET 8 subscriber writes it: it keeps what it received.</summary>
public sealed class Collector<T>(Received received) : IConsumer<T>
    where T : class
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<T> context)
    {
        received.Messages[context.MessageId!.Value] = context.Message;
        return Task.CompletedTask;
    }
}
