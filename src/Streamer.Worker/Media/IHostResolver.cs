using System.Net;

namespace Streamer.Worker.Media;

/// <summary>Resolves a media host's name to its addresses (DNS in production; substituted in tests).</summary>
public interface IHostResolver
{
    /// <summary>The addresses of <paramref name="host"/>; throws as DNS does when it has none.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
