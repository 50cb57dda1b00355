using MassTransit;
using Streamer.Contracts;

namespace Streamer.Worker.Cli;

/// <summary>Consumes every event type for <c>tail</c>.</summary>
public sealed class TailConsumer(TailPrinter printer) :
    IConsumer<ChatMessageCreated>,
    IConsumer<ChatMessageStatusChanged>,
    IConsumer<ChatMessageReactionChanged>,
    IConsumer<ChatMessageUpdated>,
    IConsumer<ChatRecordRejected>,
    IConsumer<ChatMediaArchived>,
    IConsumer<ChatMediaArchiveFailed>
{
    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatMediaArchived> context)
    {
        printer.Print(context.Message);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatMediaArchiveFailed> context)
    {
        printer.Print(context.Message);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatRecordRejected> context)
    {
        printer.Print(context.Message);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatMessageCreated> context) => Print(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatMessageStatusChanged> context) => Print(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatMessageReactionChanged> context) => Print(context.Message);

    /// <inheritdoc />
    public Task Consume(ConsumeContext<ChatMessageUpdated> context) => Print(context.Message);

    private Task Print(ChatMessageEvent message)
    {
        printer.Print(message);
        return Task.CompletedTask;
    }
}
