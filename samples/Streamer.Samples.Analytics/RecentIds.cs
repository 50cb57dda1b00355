namespace Streamer.Samples.Analytics;

/// <summary>
/// The last <c>capacity</c> ids seen, oldest forgotten first. Redeliveries come soon after the first
/// delivery, and re-published history (a backfill) within the window is caught too; a durable consumer
/// keeps its ids in its database instead (see the DeliveryStatus sample).
/// </summary>
public sealed class RecentIds(int capacity)
{
    private readonly HashSet<Guid> set = new(capacity);
    private readonly Queue<Guid> order = new(capacity);
    private readonly Lock gate = new();

    /// <summary>Remembers <paramref name="id"/>; false when it was already remembered.</summary>
    public bool TryAdd(Guid id)
    {
        lock (gate)
        {
            if (!set.Add(id))
            {
                return false;
            }

            order.Enqueue(id);
            if (order.Count > capacity)
            {
                set.Remove(order.Dequeue());
            }

            return true;
        }
    }
}
