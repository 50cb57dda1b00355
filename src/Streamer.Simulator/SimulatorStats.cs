namespace Streamer.Simulator;

/// <summary>Counters of the chat records endpoint for <c>/_sim/stats</c>.</summary>
internal sealed class SimulatorStats
{
    private long requests;
    private long faults;
    private long pageOneChanges;

    public long Requests => Interlocked.Read(ref requests);

    public long FaultsInjected => Interlocked.Read(ref faults);

    public long PageOneChanges => Interlocked.Read(ref pageOneChanges);

    public void Request() => Interlocked.Increment(ref requests);

    public void FaultInjected() => Interlocked.Increment(ref faults);

    public void PageOneChanged() => Interlocked.Increment(ref pageOneChanges);
}
