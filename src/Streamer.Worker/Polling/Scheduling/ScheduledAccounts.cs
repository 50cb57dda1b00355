namespace Streamer.Worker.Polling.Scheduling;

/// <summary>The <see cref="PollScheduler"/>'s accounts by name, and the counts its gauges report. Used only under the scheduler's lock.</summary>
internal sealed class ScheduledAccounts
{
    private readonly Dictionary<string, ScheduledAccount> byName = new(StringComparer.Ordinal);

    /// <summary>How many accounts are scheduled.</summary>
    public int Count => byName.Count;

    /// <summary>The accounts.</summary>
    public IEnumerable<ScheduledAccount> All => byName.Values;

    /// <summary>Adds <paramref name="account"/>; false if an account of that name is scheduled.</summary>
    public bool TryAdd(ScheduledAccount account) => byName.TryAdd(account.Name, account);

    /// <summary>The account named <paramref name="name"/>, if scheduled.</summary>
    public bool TryGet(string name, out ScheduledAccount account) => byName.TryGetValue(name, out account!);

    /// <summary>Forgets <paramref name="account"/>.</summary>
    public void Remove(ScheduledAccount account) => byName.Remove(account.Name);

    /// <summary>Accounts waiting and due by <paramref name="due"/>.</summary>
    public int CountDue(TimeSpan due)
    {
        var count = 0;
        foreach (var account in byName.Values)
        {
            if (account.State == ScheduledState.Waiting && account.Due <= due)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Accounts in <paramref name="state"/>.</summary>
    public int CountIn(ScheduledState state)
    {
        var count = 0;
        foreach (var account in byName.Values)
        {
            count += account.State == state ? 1 : 0;
        }

        return count;
    }

    /// <summary>Takes the slots that retries wait for, to be cancelled outside the lock.</summary>
    public List<TaskCompletionSource> TakeSlots()
    {
        List<TaskCompletionSource> waiting = [];
        foreach (var account in byName.Values)
        {
            if (account.Slot is { } slot)
            {
                waiting.Add(slot);
                account.Slot = null;
            }
        }

        return waiting;
    }
}
