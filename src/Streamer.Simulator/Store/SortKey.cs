namespace Streamer.Simulator.Store;

/// <summary>The order of the endpoint: the filtered timestamp (Unix seconds), then the record id, so ties in one second are stable.</summary>
internal readonly record struct SortKey(long Second, long Id) : IComparable<SortKey>
{
    public int CompareTo(SortKey other)
    {
        var bySecond = Second.CompareTo(other.Second);
        return bySecond != 0 ? bySecond : Id.CompareTo(other.Id);
    }
}
