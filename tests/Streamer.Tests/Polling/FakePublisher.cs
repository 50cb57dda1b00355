using Streamer.Contracts;
using Streamer.Worker.Publishing;

namespace Streamer.Tests.Polling;

/// <summary>
/// An <see cref="IEventPublisher"/> that keeps every call. Publishes are confirmed at once, or, with
/// <see cref="Hold"/>, only when the test confirms them; <see cref="Failure"/> makes them fail.
/// </summary>
internal sealed class FakePublisher : IEventPublisher
{
    private readonly Lock gate = new();
    private readonly List<PublishCall> calls = [];

    /// <summary>When true, each publish waits for <see cref="PublishCall.Confirm"/> or <see cref="PublishCall.Fail"/>.</summary>
    public bool Hold { get; init; }

    /// <summary>When set, every publish fails with it.</summary>
    public Exception? Failure { get; set; }

    public IReadOnlyList<PublishCall> Calls
    {
        get
        {
            lock (gate)
            {
                return [.. calls];
            }
        }
    }

    public Task PublishOneAsync(object message, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task PublishAsync(IReadOnlyList<IReadOnlyList<ChatMessageEvent>> eventsByRecord, CancellationToken cancellationToken)
    {
        var call = new PublishCall(eventsByRecord);
        lock (gate)
        {
            calls.Add(call);
        }

        if (Failure is { } failure)
        {
            call.Fail(failure);
        }
        else if (!Hold)
        {
            call.Confirm();
        }

        return call.Confirmation;
    }

    public Task PublishRejectedAsync(IReadOnlyList<ChatRecordRejected> rejected, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task PublishMediaOutcomeAsync(ChatMediaArchiveOutcome outcome, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Waits until at least <paramref name="count"/> publishes were made.</summary>
    public async Task WaitForCallsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Calls.Count < count)
        {
            await Task.Delay(5, timeout.Token);
        }
    }
}
