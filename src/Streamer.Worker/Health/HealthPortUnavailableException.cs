namespace Streamer.Worker.Health;

/// <summary>The health and metrics endpoint could not listen on its port (usually: another process has it).</summary>
public sealed class HealthPortUnavailableException(int port, Exception inner)
    : Exception($"The health and metrics endpoint cannot listen on port {port} ({inner.Message}). Set Health__Port to a free port, or to 0 to turn the endpoint off.", inner)
{
}
