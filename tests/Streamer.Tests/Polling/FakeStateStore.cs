using Streamer.Worker.Detection;
using Streamer.Worker.State;

namespace Streamer.Tests.Polling;

/// <summary>An in-memory <see cref="IStateStore"/> that keeps every commit and prune in order.</summary>
internal sealed class FakeStateStore : IStateStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, RecordSnapshot> snapshots = new(StringComparer.Ordinal);
    private readonly List<StateCommit> commits = [];
    private readonly List<DateTimeOffset> prunes = [];
    private readonly List<IReadOnlyList<string>> reads = [];

    public FakeStateStore(AccountCursor? cursor = null) => Cursor = cursor;

    /// <summary>The cursor as last committed.</summary>
    public AccountCursor? Cursor { get; private set; }

    public IReadOnlyList<StateCommit> Commits
    {
        get
        {
            lock (gate)
            {
                return [.. commits];
            }
        }
    }

    /// <summary>The cut-off of every prune, in order.</summary>
    public IReadOnlyList<DateTimeOffset> Prunes
    {
        get
        {
            lock (gate)
            {
                return [.. prunes];
            }
        }
    }

    public Task<AccountCursor?> GetCursorAsync(string account, CancellationToken cancellationToken) => Task.FromResult(Cursor);

    public Task<IReadOnlyDictionary<string, RecordSnapshot>> GetSnapshotsAsync(string account, IReadOnlyCollection<string> recordIds, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            reads.Add([.. recordIds]);
            IReadOnlyDictionary<string, RecordSnapshot> found = recordIds
                .Where(snapshots.ContainsKey)
                .Distinct(StringComparer.Ordinal)
                .ToDictionary(id => id, id => snapshots[id], StringComparer.Ordinal);
            return Task.FromResult(found);
        }
    }

    /// <summary>The ids each snapshot read asked for, in order.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Reads
    {
        get
        {
            lock (gate)
            {
                return [.. reads];
            }
        }
    }

    /// <summary>When set, every commit fails with it.</summary>
    public Exception? Failure { get; set; }

    public Task CommitAsync(string account, StateCommit commit, CancellationToken cancellationToken)
    {
        if (Failure is { } failure)
        {
            return Task.FromException(failure);
        }

        lock (gate)
        {
            commits.Add(commit);
            foreach (var snapshot in commit.Snapshots)
            {
                snapshots[snapshot.RecordId] = snapshot;
            }

            Cursor = commit.Cursor;
        }

        return Task.CompletedTask;
    }

    public Task<int> PruneAsync(string account, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            prunes.Add(olderThan);
        }

        return Task.FromResult(0);
    }

    public Task<long> CountAsync(string account, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult((long)snapshots.Count);
        }
    }
}
