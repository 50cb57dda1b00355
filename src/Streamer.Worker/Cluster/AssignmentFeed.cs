using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Streamer.Worker.Cluster;

/// <summary>
/// The coordinator's assignments on their way to the polling service: a change is offered when the set differs from
/// the last one (same accounts, settings and fences), and the latest wins, since each is complete.
/// </summary>
internal sealed class AssignmentFeed
{
    private readonly Channel<IReadOnlyList<AccountAssignment>> assignments =
        Channel.CreateBounded<IReadOnlyList<AccountAssignment>>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private IReadOnlyList<AccountAssignment>? published;

    /// <summary>Offers <paramref name="assignment"/> if it differs from the last one offered. Called from one loop.</summary>
    public void Offer(IReadOnlyList<AccountAssignment> assignment)
    {
        if (published is not null && published.Count == assignment.Count && published.Zip(assignment).All(p => p.First.SameAs(p.Second)))
        {
            return;
        }

        published = assignment;
        assignments.Writer.TryWrite(assignment);
    }

    /// <summary>The assignments as they are offered.</summary>
    public async IAsyncEnumerable<IReadOnlyList<AccountAssignment>> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var assignment in assignments.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return assignment;
        }
    }
}
