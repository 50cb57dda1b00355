namespace Streamer.Simulator;

/// <summary>Counters of the chat records endpoint and the hostile media target for <c>/_sim/stats</c>.</summary>
internal sealed class SimulatorStats
{
    private long requests;
    private long faults;
    private long pageOneChanges;
    private long targetHits;

    public long Requests => Interlocked.Read(ref requests);

    public long FaultsInjected => Interlocked.Read(ref faults);

    public long PageOneChanges => Interlocked.Read(ref pageOneChanges);

    public long TargetHits => Interlocked.Read(ref targetHits);

    public void Request() => Interlocked.Increment(ref requests);

    public void FaultInjected() => Interlocked.Increment(ref faults);

    public void PageOneChanged() => Interlocked.Increment(ref pageOneChanges);

    public void TargetHit() => Interlocked.Increment(ref targetHits);
}
