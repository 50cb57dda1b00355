using System.Diagnostics;
using Streamer.Contracts;
using Streamer.Worker.Publishing;

namespace Streamer.Tests.Outbox;

/// <summary>Confirms every single publish at once and keeps the activity current at each: the span it is published in.</summary>
internal sealed class ActivityCapturingPublisher : IEventPublisher
{
    private readonly List<(object Message, Activity? Current)> published = [];

    public IReadOnlyList<(object Message, Activity? Current)> Published
    {
        get
        {
            lock (published)
            {
                return [.. published];
            }
        }
    }

    public Task PublishOneAsync(object message, CancellationToken cancellationToken)
    {
        lock (published)
        {
            published.Add((message, Activity.Current));
        }

        return Task.CompletedTask;
    }

    public Task PublishAsync(IReadOnlyList<IReadOnlyList<ChatMessageEvent>> eventsByRecord, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task PublishRejectedAsync(IReadOnlyList<ChatRecordRejected> rejected, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task PublishMediaOutcomeAsync(ChatMediaArchiveOutcome outcome, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
