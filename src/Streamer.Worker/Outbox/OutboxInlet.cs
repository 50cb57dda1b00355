namespace Streamer.Worker.Outbox;

/// <summary>
/// The poller's side of the outbox: it waits for room before reading more, and hands what it committed to
/// the relay in memory.
/// </summary>
public sealed class OutboxInlet(OutboxFeed feed, OutboxBackpressure backpressure)
{
    /// <summary>Returns once the outbox has room (at once, unless the broker has been away long enough to fill it).</summary>
    public ValueTask WaitForRoomAsync(string account, CancellationToken cancellationToken) =>
        backpressure.WaitForRoomAsync(account, cancellationToken);

    /// <summary>Entries of a commit that succeeded, in their order.</summary>
    public void Committed(IReadOnlyList<OutboxEntry> entries) => feed.Post(entries);
}
