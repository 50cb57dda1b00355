namespace Streamer.Simulator.Store;

/// <summary>A record in the ordered index, with the key it was filed under.</summary>
internal readonly record struct IndexEntry(SortKey Key, StoredRecord Record);
