using Streamer.Worker.Cluster;

namespace Streamer.Worker.Polling.Scheduling;

/// <summary>
/// Keeps the <see cref="PollScheduler"/>'s accounts equal to the instance's assignment (<see cref="IAccountSource"/>):
/// an account that appears gets a poller, built then and added; one that goes (removed, disabled, its lease lost or
/// handed over) is removed, its running poll cancelled, and is forgotten once its run ended; one whose settings or
/// fence changed is removed and added anew. Its stored state is untouched. Called from one loop at a time.
/// </summary>
internal sealed class PollerRoster(PollScheduler scheduler, Func<AccountAssignment, IScheduledPoll> build, Action<string> forget, ILogger logger)
{
    private readonly Dictionary<string, (AccountAssignment Assignment, IScheduledPoll Poll)> current = new(StringComparer.Ordinal);

    /// <summary>The accounts being polled now.</summary>
    public IReadOnlyCollection<string> Accounts => current.Keys;

    /// <summary>The pollers of the first assignment, for <see cref="PollScheduler.RunAsync"/>.</summary>
    public IReadOnlyList<IScheduledPoll> Start(IReadOnlyList<AccountAssignment> assignment) => Build(assignment, announce: false);

    /// <summary>Brings the scheduler to <paramref name="assignment"/>; returns when every account that goes has stopped.</summary>
    public async Task ApplyAsync(IReadOnlyList<AccountAssignment> assignment)
    {
        var wanted = assignment.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var going = current.Where(c => !wanted.TryGetValue(c.Key, out var next) || !next.SameAs(c.Value.Assignment)).ToList();
        await Task.WhenAll(going.Select(g => scheduler.RemoveAsync(g.Key))).ConfigureAwait(false);
        foreach (var (name, (_, poll)) in going)
        {
            current.Remove(name);
            (poll as IDisposable)?.Dispose();
            if (!wanted.ContainsKey(name))
            {
                forget(name);
            }

            Log.AccountStopped(logger, name, wanted.ContainsKey(name) ? "its settings or lease changed; started again" : "no longer assigned to this instance");
        }

        var added = Build([.. assignment.Where(a => !current.ContainsKey(a.Name))], announce: true);
        if (added.Count > 0)
        {
            scheduler.Add(added);
        }
    }

    // The first assignment is announced by the scheduler's start (one line, however many accounts).
    private List<IScheduledPoll> Build(IReadOnlyList<AccountAssignment> assignment, bool announce)
    {
        var polls = new List<IScheduledPoll>(assignment.Count);
        foreach (var account in assignment)
        {
            var poll = build(account);
            current[account.Name] = (account, poll);
            polls.Add(poll);
            if (announce)
            {
                Log.AccountStarted(logger, account.Name, account.Fence?.Token);
            }
        }

        return polls;
    }
}
