using System.Collections.Concurrent;
using Streamer.Contracts;
using Streamer.Worker.Publishing;

namespace Streamer.Tests.Media;

/// <summary>Takes media outcomes as a broker would, failing the first <see cref="Failures"/> publishes.</summary>
public sealed class RecordingEventPublisher(ConcurrentQueue<string> journal) : IEventPublisher
{
    private int failures;

    /// <summary>Publishes still to fail, as an unconfirmed publish does.</summary>
    public int Failures
    {
        get => Volatile.Read(ref failures);
        set => Volatile.Write(ref failures, value);
    }

    /// <summary>Every outcome offered, confirmed or not.</summary>
    public ConcurrentQueue<ChatMediaArchiveOutcome> Offered { get; } = new();

    /// <summary>The outcomes confirmed.</summary>
    public ConcurrentQueue<ChatMediaArchiveOutcome> Confirmed { get; } = new();

    public Task PublishMediaOutcomeAsync(ChatMediaArchiveOutcome outcome, CancellationToken cancellationToken)
    {
        Offered.Enqueue(outcome);
        if (Interlocked.Decrement(ref failures) >= 0)
        {
            throw new TimeoutException("The broker did not confirm in time.");
        }

        Confirmed.Enqueue(outcome);
        journal.Enqueue($"publish {outcome.RecordId}");
        return Task.CompletedTask;
    }

    public Task PublishOneAsync(object message, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task PublishAsync(IReadOnlyList<IReadOnlyList<ChatMessageEvent>> eventsByRecord, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task PublishRejectedAsync(IReadOnlyList<ChatRecordRejected> rejected, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
