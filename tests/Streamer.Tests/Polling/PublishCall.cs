using Streamer.Contracts;

namespace Streamer.Tests.Polling;

/// <summary>One <c>PublishAsync</c> call: its events, and the confirmation the test gives or refuses.</summary>
internal sealed class PublishCall(IReadOnlyList<IReadOnlyList<ChatMessageEvent>> eventsByRecord)
{
    private readonly TaskCompletionSource confirmation = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<IReadOnlyList<ChatMessageEvent>> EventsByRecord { get; } = eventsByRecord;

    public IEnumerable<ChatMessageEvent> Events => EventsByRecord.SelectMany(e => e);

    public Task Confirmation => confirmation.Task;

    public void Confirm() => confirmation.SetResult();

    public void Fail(Exception error) => confirmation.SetException(error);
}
