using Streamer.Nxlink;

namespace Streamer.Simulator.Store;

/// <summary>One page of copies taken under the store's lock.</summary>
internal sealed record RecordPage(int Total, List<ChatRecord> Items);
