namespace Streamer.Worker.Polling.Scheduling;

/// <summary>
/// The <see cref="PollScheduler"/>'s waiting accounts, earliest due first, in two queues: the accounts whose last poll
/// was quick and those whose last poll failed or ran past its interval (<see cref="ScheduledAccount.Slow"/>), so that
/// slow ones can be held back while the slots they may take are full. Used only under the scheduler's lock.
/// </summary>
internal sealed class DueQueue
{
    private readonly PriorityQueue<ScheduledAccount, (TimeSpan Due, long Order)> quick = new();
    private readonly PriorityQueue<ScheduledAccount, (TimeSpan Due, long Order)> slow = new();
    private long order;

    /// <summary>Queues <paramref name="account"/> for its <see cref="ScheduledAccount.Due"/> time (ties in queuing order).</summary>
    public void Enqueue(ScheduledAccount account) => (account.Slow ? slow : quick).Enqueue(account, (account.Due, order++));

    /// <summary>Takes <paramref name="account"/> out of its queue, if it waits there.</summary>
    public bool Remove(ScheduledAccount account) =>
        quick.Remove(account, out _, out _, ReferenceEqualityComparer.Instance) || slow.Remove(account, out _, out _, ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Takes the account due first by <paramref name="due"/>, a slow one only if <paramref name="slots"/> allow one
    /// more now; false when none may start.
    /// </summary>
    public bool TryTake(TimeSpan due, TimeSpan now, SlotBook slots, out ScheduledAccount account)
    {
        var hasQuick = quick.TryPeek(out _, out var quickKey) && quickKey.Due <= due;
        var hasSlow = slow.TryPeek(out _, out var slowKey) && slowKey.Due <= due && slots.MayStartSlow(now);
        if (hasQuick && (!hasSlow || quickKey.CompareTo(slowKey) <= 0))
        {
            account = quick.Dequeue();
            return true;
        }

        if (hasSlow)
        {
            account = slow.Dequeue();
            return true;
        }

        account = null!;
        return false;
    }

    /// <summary>Whether an account is due by <paramref name="due"/>.</summary>
    public bool HasDue(TimeSpan due) =>
        (quick.TryPeek(out _, out var quickKey) && quickKey.Due <= due) || (slow.TryPeek(out _, out var slowKey) && slowKey.Due <= due);

    /// <summary>The earliest due time after <paramref name="now"/>, or <see cref="TimeSpan.MaxValue"/>.</summary>
    public TimeSpan NextAfter(TimeSpan now)
    {
        var next = TimeSpan.MaxValue;
        if (quick.TryPeek(out _, out var quickKey) && quickKey.Due > now)
        {
            next = quickKey.Due;
        }

        if (slow.TryPeek(out _, out var slowKey) && slowKey.Due > now && slowKey.Due < next)
        {
            next = slowKey.Due;
        }

        return next;
    }
}
