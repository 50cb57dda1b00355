using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Streamer.Worker.Media;

namespace Streamer.Tests.Media;

/// <summary>Resolves names from a table instead of DNS; an unknown name is not found. Keeps the names asked.</summary>
public sealed class FakeResolver(Dictionary<string, string[]> table) : IHostResolver
{
    public ConcurrentQueue<string> Asked { get; } = new();

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        Asked.Enqueue(host);
        return table.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses.Select(IPAddress.Parse).ToArray())
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
