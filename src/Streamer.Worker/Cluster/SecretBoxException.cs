namespace Streamer.Worker.Cluster;

/// <summary>A sealed secret could not be opened (unknown key, wrong key, altered text) or no key is configured. The message never holds the secret.</summary>
public sealed class SecretBoxException(string message) : Exception(message)
{
}
