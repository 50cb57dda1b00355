namespace Streamer.Samples.DeliveryStatus;

/// <summary>How many events were applied, ignored as duplicates and ignored as stale since start.</summary>
public sealed class ProcessingCounters
{
    private long applied;
    private long duplicates;
    private long stale;

    /// <summary>Events that changed a stored status.</summary>
    public long Applied => Interlocked.Read(ref applied);

    /// <summary>Events whose id had been processed before.</summary>
    public long Duplicates => Interlocked.Read(ref duplicates);

    /// <summary>Events older than the stored version.</summary>
    public long Stale => Interlocked.Read(ref stale);

    /// <summary>Every event handled.</summary>
    public long Total => Applied + Duplicates + Stale;

    /// <summary>Counts one outcome.</summary>
    public void Add(ApplyOutcome outcome)
    {
        switch (outcome)
        {
            case ApplyOutcome.Applied:
                Interlocked.Increment(ref applied);
                break;
            case ApplyOutcome.Duplicate:
                Interlocked.Increment(ref duplicates);
                break;
            default:
                Interlocked.Increment(ref stale);
                break;
        }
    }
}
