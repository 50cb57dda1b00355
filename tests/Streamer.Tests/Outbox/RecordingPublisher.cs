using Streamer.Contracts;
using Streamer.Worker.Publishing;

namespace Streamer.Tests.Outbox;

/// <summary>
/// A broker stand-in for unit tests: records every single publish in the order confirmed, can be switched
/// off (every publish fails, as with the broker away) and can delay confirmations at random.
/// </summary>
internal sealed class RecordingPublisher(int seed = 1) : IEventPublisher
{
    private readonly Random random = new(seed);
    private readonly List<object> confirmed = [];

    public volatile bool Down;

    public int MaxDelayMs { get; init; }

    public IReadOnlyList<object> Confirmed
    {
        get
        {
            lock (confirmed)
            {
                return [.. confirmed];
            }
        }
    }

    public async Task PublishOneAsync(object message, CancellationToken cancellationToken)
    {
        int delay;
        lock (random)
        {
            delay = MaxDelayMs == 0 ? 0 : random.Next(MaxDelayMs + 1);
        }

        if (delay > 0)
        {
            await Task.Delay(delay, cancellationToken);
        }
        else
        {
            await Task.Yield();
        }

        if (Down)
        {
            throw new InvalidOperationException("broker away");
        }

        lock (confirmed)
        {
            confirmed.Add(message);
        }
    }

    public Task PublishAsync(IReadOnlyList<IReadOnlyList<ChatMessageEvent>> eventsByRecord, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task PublishRejectedAsync(IReadOnlyList<ChatRecordRejected> rejected, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public Task PublishMediaOutcomeAsync(ChatMediaArchiveOutcome outcome, CancellationToken cancellationToken) =>
        throw new NotSupportedException();
}
