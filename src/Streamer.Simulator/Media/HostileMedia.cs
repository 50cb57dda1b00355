using System.Collections.Concurrent;

namespace Streamer.Simulator.Media;

/// <summary>The records whose media links misbehave on purpose, and how: the media endpoint and the digest consult it.</summary>
internal sealed class HostileMedia
{
    private readonly ConcurrentDictionary<long, HostileMediaKind> kinds = new();

    public void Register(long recordId, HostileMediaKind kind) => kinds[recordId] = kind;

    public HostileMediaKind? KindOf(long recordId) => kinds.TryGetValue(recordId, out var kind) ? kind : null;
}
